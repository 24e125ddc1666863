import { getDb, type Prisma } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, scopeWhere, visibility, type Principal } from "~/lib/permissions";
import { CURRENT_STATUSES, displayStatus } from "./enrolment-status";
import { enrolmentStatusWhere } from "./enrolment-status.server";
import { paginate } from "~/lib/pagination.server";

// The assignments pages: rules with their enrolment counts, one rule's enrolments, and the
// choices of the rule form, each limited to what the viewer may see.

export const RULE_PAGE_SIZE = 20;
export const RULE_ENROLMENT_PAGE_SIZE = 25;

/**
 * Enrolments of people the viewer may see now: a manager sees those in their tree today,
 * not everyone a rule of theirs once reached (people move and leave).
 */
const peopleInScope = (actor: Principal): Prisma.EnrolmentWhereInput =>
  scopeWhere(actor, "read", "Assignment", {
    department: (departmentIds) => ({ user: { departmentId: { in: departmentIds } } }),
  });

/** How many of the enrolments in `where` show each status (one count per status). */
async function statusCounts(where: Prisma.EnrolmentWhereInput, now: Date) {
  const db = getDb();
  const counts = await Promise.all(
    CURRENT_STATUSES.map((status) =>
      db.enrolment.count({ where: { AND: [where, enrolmentStatusWhere(status, now)] } }),
    ),
  );
  const byStatus = Object.fromEntries(CURRENT_STATUSES.map((status, i) => [status, counts[i]!]));
  return {
    ...(byStatus as Record<(typeof CURRENT_STATUSES)[number], number>),
    // The statuses partition the current enrolments (withdrawn ones are not counted).
    total: counts.reduce((sum, count) => sum + count, 0),
  };
}

const ruleListInclude = {
  course: { select: { title: true } },
  _count: { select: { people: true } },
} as const;
type RuleListRow = Prisma.AssignmentRuleGetPayload<{ include: typeof ruleListInclude }>;

function ruleSummary(
  rule: RuleListRow,
  counts: Awaited<ReturnType<typeof statusCounts>>,
  departmentName: string | null,
) {
  return {
    id: rule.id,
    courseTitle: rule.course.title,
    targetType: rule.targetType,
    departmentName,
    includeSubDepartments: rule.includeSubDepartments,
    role: rule.role,
    jobTitle: rule.jobTitle,
    peopleCount: rule._count.people,
    dueMode: rule.dueMode,
    dueDays: rule.dueDays,
    dueDate: rule.dueDate?.toISOString() ?? null,
    newHiresOnly: rule.newHiresOnly,
    hiredAfter: rule.hiredAfter?.toISOString() ?? null,
    recurrenceMonths: rule.recurrenceMonths,
    createdAt: rule.createdAt.toISOString(),
    counts,
  };
}

/** Rules with their enrolment counts by status (a few counts per rule, never the rows). */
export async function listRules(actor: Principal, page: number, now = new Date()) {
  const db = getDb();
  const where: Prisma.AssignmentRuleWhereInput = {
    removedAt: null,
    // A manager sees the rules for their departments and the ones they created.
    ...scopeWhere(actor, "read", "Assignment", {
      department: (departmentIds) => ({
        OR: [{ departmentId: { in: departmentIds } }, { createdById: actor.id }],
      }),
    }),
  };
  const { skip, take, summary } = paginate(page, RULE_PAGE_SIZE);
  const [total, rules] = await Promise.all([
    db.assignmentRule.count({ where }),
    db.assignmentRule.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip,
      take,
      include: ruleListInclude,
    }),
  ]);
  const countsByRule = await Promise.all(
    rules.map((rule) =>
      statusCounts({ sources: { some: { ruleId: rule.id } }, ...peopleInScope(actor) }, now),
    ),
  );
  const departments = await db.department.findMany({
    where: { id: { in: rules.map((r) => r.departmentId).filter((id): id is string => !!id) } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => departments.find((d) => d.id === id)?.name ?? null;
  return {
    ...summary(total),
    rules: rules.map((rule, i) => ruleSummary(rule, countsByRule[i]!, nameOf(rule.departmentId))),
  };
}

/** One rule's enrolments, a page at a time, for HR (or the manager who may see it). */
export async function listRuleEnrolments(
  actor: Principal,
  ruleId: string,
  page: number,
  now = new Date(),
) {
  const db = getDb();
  const rule = await db.assignmentRule.findUnique({
    where: { id: ruleId },
    include: { course: { select: { title: true } } },
  });
  if (!rule) throw new NotFoundError();
  if (
    !can(actor, "read", { type: "Assignment", departmentId: rule.departmentId }) &&
    rule.createdById !== actor.id
  ) {
    throw new ForbiddenError();
  }
  const where = { sources: { some: { ruleId } }, ...peopleInScope(actor) };
  const { skip, take, summary } = paginate(page, RULE_ENROLMENT_PAGE_SIZE);
  const [total, enrolments] = await Promise.all([
    db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: {
        id: true,
        status: true,
        dueAt: true,
        completedAt: true,
        expiresAt: true,
        bestScore: true,
        user: { select: { name: true, email: true, department: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    rule: { id: rule.id, courseTitle: rule.course.title, removed: rule.removedAt !== null },
    ...summary(total),
    enrolments: enrolments.map((e) => ({
      id: e.id,
      name: e.user.name,
      email: e.user.email,
      department: e.user.department?.name ?? null,
      status: displayStatus(e, now),
      dueAt: e.dueAt?.toISOString() ?? null,
      completedAt: e.completedAt?.toISOString() ?? null,
      bestScore: e.bestScore,
    })),
  };
}

/** Choices for the rule form: published courses, departments and people in the actor's reach. */
export async function ruleFormOptions(actor: Principal) {
  const db = getDb();
  const inReach = <Where extends object>(department: (departmentIds: string[]) => Where) =>
    scopeWhere(actor, "create", "Assignment", { department });
  const [courses, departments, people] = await Promise.all([
    db.course.findMany({
      where: { status: "PUBLISHED" },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
    db.department.findMany({
      where: inReach((departmentIds) => ({ id: { in: departmentIds } })),
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.user.findMany({
      where: {
        active: true,
        ...inReach((departmentIds) => ({ departmentId: { in: departmentIds } })),
      },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
      // The picker searches within these; beyond a thousand people, use a department rule.
      take: 1000,
    }),
  ]);
  // Targets that span the company (all staff, a role, a job title) need the grant everywhere.
  const everywhere = visibility(actor, "create", "Assignment").kind === "all";
  return { courses, departments, people, everywhere };
}
