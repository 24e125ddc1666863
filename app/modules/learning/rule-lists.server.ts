import { getDb, Prisma } from "~/lib/db.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { can, scopeWhere, visibility, type Principal } from "~/lib/permissions";
import { CURRENT_STATUSES, displayStatus } from "./enrolment-status";
import { displayStatusSql } from "./enrolment-status.server";
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

type StatusCounts = Record<(typeof CURRENT_STATUSES)[number], number> & { total: number };

const noCounts = (): StatusCounts => ({
  ...(Object.fromEntries(CURRENT_STATUSES.map((status) => [status, 0])) as Record<
    (typeof CURRENT_STATUSES)[number],
    number
  >),
  total: 0,
});

/** Only the people the viewer may see now (peopleInScope, as SQL over u."departmentId"). */
function peopleInScopeSql(actor: Principal): Prisma.Sql {
  const scope = scopeWhere(actor, "read", "Assignment", {
    department: (departmentIds) => ({
      sql:
        departmentIds.length === 0
          ? Prisma.sql`AND 1 = 0`
          : Prisma.sql`AND u."departmentId" IN (${Prisma.join(departmentIds)})`,
    }),
  });
  return "sql" in scope ? scope.sql : Prisma.empty;
}

/**
 * The enrolments of each rule by displayed status, in one grouped statement for the page
 * (a count per status per rule made a page of 20 rules 120 statements).
 */
async function statusCountsByRule(actor: Principal, ruleIds: string[], now: Date) {
  const counts = new Map(ruleIds.map((id) => [id, noCounts()]));
  if (ruleIds.length === 0) return counts;
  const rows = await getDb().$queryRaw<{ ruleId: string; status: string; count: bigint }[]>`
    SELECT s."ruleId" AS "ruleId", ${displayStatusSql(now)} AS "status", COUNT(*) AS "count"
    FROM "EnrolmentSource" s
    JOIN "Enrolment" e ON e."id" = s."enrolmentId"
    JOIN "User" u ON u."id" = e."userId"
    WHERE s."ruleId" IN (${Prisma.join(ruleIds)}) ${peopleInScopeSql(actor)}
    GROUP BY s."ruleId", 2`;
  for (const row of rows) {
    const ofRule = counts.get(row.ruleId)!;
    // The statuses partition the current enrolments (withdrawn ones are not counted).
    if (!(CURRENT_STATUSES as readonly string[]).includes(row.status)) continue;
    ofRule[row.status as (typeof CURRENT_STATUSES)[number]] += Number(row.count);
    ofRule.total += Number(row.count);
  }
  return counts;
}

const ruleListInclude = {
  course: { select: { title: true } },
  _count: { select: { people: true } },
} as const;
type RuleListRow = Prisma.AssignmentRuleGetPayload<{ include: typeof ruleListInclude }>;

function ruleSummary(rule: RuleListRow, counts: StatusCounts, departmentName: string | null) {
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
  const [countsByRule, departments] = await Promise.all([
    statusCountsByRule(
      actor,
      rules.map((rule) => rule.id),
      now,
    ),
    db.department.findMany({
      where: { id: { in: rules.map((r) => r.departmentId).filter((id): id is string => !!id) } },
      select: { id: true, name: true },
    }),
  ]);
  const nameOf = (id: string | null) => departments.find((d) => d.id === id)?.name ?? null;
  return {
    ...summary(total),
    rules: rules.map((rule) =>
      ruleSummary(rule, countsByRule.get(rule.id)!, nameOf(rule.departmentId)),
    ),
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
