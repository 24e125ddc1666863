import { keyOf } from "~/lib/create-once.server";
import { getDb, isUniqueViolation, Prisma, type DbTx } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { can, canOnAll, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import {
  displayStatus,
  dueDateFor,
  endOfDay,
  ruleMatcher,
  startOfDay,
  type MatchableUser,
} from "./matching";
import {
  alignUserEnrolments,
  refreshProgressStats,
  refreshStatsForEnrolments,
} from "./progress-stats.server";
import type { RuleInput } from "./schemas";

/** A completion this close to expiry gets its recertification enrolment. */
export const RECERTIFY_NOTICE_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export const openKeyOf = (userId: string, courseId: string) => `${userId}:${courseId}`;

const ruleInclude = { people: { select: { userId: true } } } as const;
type RuleRow = Prisma.AssignmentRuleGetPayload<{ include: typeof ruleInclude }>;

const matchable = (rule: RuleRow) => ({ ...rule, userIds: rule.people.map((p) => p.userId) });

const userFields = {
  id: true,
  departmentId: true,
  role: true,
  jobTitle: true,
  hireDate: true,
  createdAt: true,
  active: true,
} as const;

async function latestVersion(tx: DbTx, courseId: string) {
  const course = await tx.course.findUnique({
    where: { id: courseId },
    select: {
      status: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } },
    },
  });
  // Only published courses can be newly assigned (archived ones stay in history).
  return course?.status === "PUBLISHED" ? (course.versions[0] ?? null) : null;
}

/**
 * Makes sure each matched user has an open enrolment from this rule: links the rule to an
 * existing open enrolment (keeping the earliest due date), skips people whose completion is
 * still valid, and creates the rest. Idempotent: running it again changes nothing.
 */
async function ensureEnrolments(tx: DbTx, rule: RuleRow, users: MatchableUser[], now: Date) {
  if (users.length === 0) return 0;
  const version = await latestVersion(tx, rule.courseId);
  if (!version) return 0;
  const userIds = users.map((u) => u.id);
  const existing = await tx.enrolment.findMany({
    where: { courseId: rule.courseId, userId: { in: userIds }, status: { not: "WITHDRAWN" } },
    select: {
      id: true,
      userId: true,
      openKey: true,
      status: true,
      dueAt: true,
      expiresAt: true,
      recurrenceMonths: true,
      sources: { where: { ruleId: rule.id }, select: { ruleId: true } },
    },
  });
  const renewBefore = new Date(now.getTime() + RECERTIFY_NOTICE_DAYS * DAY_MS);
  let created = 0;
  const touchedDepartments = new Set<string | null>();
  for (const user of users) {
    const mine = existing.filter((e) => e.userId === user.id);
    const open = mine.find((e) => e.openKey !== null);
    const due = dueDateFor(matchable(rule), user, now);
    if (open) {
      if (open.sources.length === 0) {
        await tx.enrolmentSource.create({ data: { enrolmentId: open.id, ruleId: rule.id } });
      }
      // Earliest due date wins; the shortest recertification period of the linked rules holds.
      const earlier = due && (!open.dueAt || due < open.dueAt);
      const recurrence =
        rule.recurrenceMonths !== null &&
        (open.recurrenceMonths === null || rule.recurrenceMonths < open.recurrenceMonths);
      if (earlier || recurrence) {
        await tx.enrolment.update({
          where: { id: open.id },
          data: {
            ...(earlier ? { dueAt: due } : {}),
            ...(recurrence ? { recurrenceMonths: rule.recurrenceMonths } : {}),
          },
        });
      }
      continue;
    }
    const stillValid = mine.some(
      (e) => e.status === "COMPLETED" && (!e.expiresAt || e.expiresAt > renewBefore),
    );
    if (stillValid) continue;
    await tx.enrolment.create({
      data: {
        userId: user.id,
        departmentId: user.departmentId,
        courseId: rule.courseId,
        versionId: version.id,
        openKey: openKeyOf(user.id, rule.courseId),
        assignedAt: now,
        dueAt: due,
        recurrenceMonths: rule.recurrenceMonths,
        sources: { create: { ruleId: rule.id } },
      },
    });
    touchedDepartments.add(user.departmentId);
    created++;
  }
  await refreshProgressStats(
    tx,
    [...touchedDepartments].map((departmentId) => ({ departmentId, courseId: rule.courseId })),
  );
  return created;
}

/** Unique keys make concurrent runs safe; a run that lost the race simply runs again. */
async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      return work();
    }
    throw error;
  }
}

/** Applies one rule to everyone it covers now, inside the caller's transaction. */
async function applyRuleIn(tx: DbTx, ruleId: string, now: Date) {
  const rule = await tx.assignmentRule.findUnique({ where: { id: ruleId }, include: ruleInclude });
  if (!rule || rule.removedAt) return 0;
  const [users, departments] = await Promise.all([
    tx.user.findMany({ where: { active: true }, select: userFields }),
    tx.department.findMany({ select: { id: true, parentId: true } }),
  ]);
  const matches = ruleMatcher(matchable(rule), departments);
  return ensureEnrolments(tx, rule, users.filter(matches), now);
}

/** Applies one rule to everyone it covers now. Returns how many enrolments it created. */
export async function applyRule(ruleId: string, now = new Date()) {
  return retryOnConflict(() => getDb().$transaction((tx) => applyRuleIn(tx, ruleId, now)));
}

/**
 * Creates recertification enrolments for completions that expire within the notice period
 * (or have expired), due at their expiry, for people still active and still covered by an
 * active rule that asks for recertification. Earlier completions stay as history.
 */
async function recertify(tx: DbTx, now: Date, userId?: string) {
  const renewBefore = new Date(now.getTime() + RECERTIFY_NOTICE_DAYS * DAY_MS);
  const expiring = await tx.enrolment.findMany({
    where: {
      status: "COMPLETED",
      renewedAt: null,
      expiresAt: { lte: renewBefore },
      recurrenceMonths: { not: null },
      user: { active: true },
      sources: { some: { rule: { removedAt: null, recurrenceMonths: { not: null } } } },
      ...(userId ? { userId } : {}),
    },
    select: {
      id: true,
      userId: true,
      courseId: true,
      departmentId: true,
      expiresAt: true,
      recurrenceMonths: true,
      sources: { where: { rule: { removedAt: null } }, select: { ruleId: true } },
    },
  });
  let created = 0;
  for (const old of expiring) {
    const version = await latestVersion(tx, old.courseId);
    if (!version) continue;
    await tx.enrolment.update({ where: { id: old.id }, data: { renewedAt: now } });
    // Already working on it (assigned again or self-enrolled): that enrolment is the renewal.
    const open = await tx.enrolment.findUnique({
      where: { openKey: openKeyOf(old.userId, old.courseId) },
      select: { id: true },
    });
    if (open) continue;
    await tx.enrolment.create({
      data: {
        userId: old.userId,
        courseId: old.courseId,
        versionId: version.id,
        departmentId: old.departmentId,
        openKey: openKeyOf(old.userId, old.courseId),
        assignedAt: now,
        dueAt: old.expiresAt,
        recurrenceMonths: old.recurrenceMonths,
        previousEnrolmentId: old.id,
        sources: { create: old.sources.map((source) => ({ ruleId: source.ruleId })) },
      },
    });
    created++;
  }
  // The renewed completion leaves the counters and its renewal joins them.
  await refreshProgressStats(tx, expiring);
  return created;
}

/**
 * Brings one person's enrolments up to date with every rule, inside the caller's
 * transaction: used when they are created, move department, change role or job title.
 */
export async function syncUserEnrolmentsIn(
  tx: DbTx,
  userId: string,
  now = new Date(),
  options: { recountReports?: boolean } = {},
) {
  await alignUserEnrolments(tx, userId, options.recountReports);
  const user = await tx.user.findUnique({ where: { id: userId }, select: userFields });
  if (!user?.active) return 0;
  const [rules, departments] = await Promise.all([
    tx.assignmentRule.findMany({ where: { removedAt: null }, include: ruleInclude }),
    tx.department.findMany({ select: { id: true, parentId: true } }),
  ]);
  // Renewals first, so an expiring completion is renewed as such (due at its expiry).
  let created = await recertify(tx, now, userId);
  for (const rule of rules) {
    if (ruleMatcher(matchable(rule), departments)(user)) {
      created += await ensureEnrolments(tx, rule, [user], now);
    }
  }
  return created;
}

/** The same in its own transaction (My learning calls it on open). */
export async function syncUserEnrolments(userId: string, now = new Date()) {
  return retryOnConflict(() => getDb().$transaction((tx) => syncUserEnrolmentsIn(tx, userId, now)));
}

/** Every rule and every recertification: the "apply all rules now" button and the job. */
export async function applyAllRules(now = new Date()) {
  const rules = await getDb().assignmentRule.findMany({
    where: { removedAt: null },
    select: { id: true },
  });
  let created = await retryOnConflict(() => getDb().$transaction((tx) => recertify(tx, now)));
  for (const rule of rules) created += await applyRule(rule.id, now);
  return created;
}

/** The departments a rule may target for this actor (managers: their own tree). */
function assertRuleInScope(
  actor: Principal,
  input: RuleInput,
  scopeUsers: { departmentId: string | null }[],
) {
  if (canOnAll(actor, "create", "Assignment")) return;
  const inScope = (departmentId: string | null) =>
    can(actor, "create", { type: "Assignment", departmentId });
  const allowed =
    (input.targetType === "DEPARTMENT" && inScope(input.departmentId)) ||
    (input.targetType === "PEOPLE" && scopeUsers.every((user) => inScope(user.departmentId)));
  if (!allowed) throw new ForbiddenError("learning.rule.outsideScope");
}

/** The rule's settings as stored: what makes two creations the same rule. */
function ruleSettings(input: RuleInput, now: Date) {
  // Fields the chosen target or due mode does not use are not kept (a post may still carry
  // them), so they cannot make two equal rules look different.
  const department = input.targetType === "DEPARTMENT";
  return {
    courseId: input.courseId,
    targetType: input.targetType,
    departmentId: department ? input.departmentId : null,
    includeSubDepartments: department && input.includeSubDepartments,
    role: (input.targetType === "ROLE" && input.role) || null,
    jobTitle: input.targetType === "JOB_TITLE" ? input.jobTitle : null,
    dueMode: input.dueMode,
    dueDays: input.dueMode === "DAYS" || input.newHiresOnly ? input.dueDays : null,
    dueDate: input.dueMode === "DATE" && input.dueDate ? endOfDay(input.dueDate) : null,
    newHiresOnly: input.newHiresOnly,
    hiredAfter: input.newHiresOnly ? (input.hiredAfter ?? startOfDay(now)) : null,
    recurrenceMonths: input.recurrenceMonths,
  };
}

/** One creator's active rule with these settings (and these people) has this key. */
function activeKeyOf(
  actorId: string,
  settings: ReturnType<typeof ruleSettings>,
  userIds: string[],
) {
  const people = settings.targetType === "PEOPLE" ? [...userIds].sort() : [];
  return keyOf("rule", actorId, settings, people);
}

/**
 * Creates a rule and its enrolments. The same creation repeated (a double click, a resent
 * form, 50 at once) gives the one rule: the unique active key refuses the second insert,
 * and the repeat answers with the rule that exists, `duplicate: true`, enrolling no one.
 */
export async function createRule(actor: Principal, input: RuleInput, now = new Date()) {
  if (!can(actor, "create", "Assignment")) throw new ForbiddenError();
  const settings = ruleSettings(input, now);
  const activeKey = activeKeyOf(actor.id, settings, input.userIds);
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...(await insertRule(actor, input, settings, activeKey, now)), duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await getDb().assignmentRule.findUnique({ where: { activeKey } });
      if (existing) return { rule: existing, enrolled: 0, duplicate: true };
      // Removed in between (or an enrolment race): try once more.
      if (attempt > 0) throw error;
    }
  }
}

async function insertRule(
  actor: Principal,
  input: RuleInput,
  settings: ReturnType<typeof ruleSettings>,
  activeKey: string,
  now: Date,
) {
  return getDb().$transaction(async (tx) => {
    const course = await tx.course.findUnique({
      where: { id: input.courseId },
      select: { status: true },
    });
    if (!course) throw new ValidationError({ courseId: "validation.required" });
    if (course.status !== "PUBLISHED")
      throw new ValidationError({ courseId: "learning.rule.courseNotAssignable" });
    if (input.targetType === "DEPARTMENT") {
      const department = await tx.department.findUnique({
        where: { id: input.departmentId },
        select: { id: true },
      });
      if (!department) throw new ValidationError({ departmentId: "org.user.departmentMissing" });
    }
    const people =
      input.targetType === "PEOPLE"
        ? await tx.user.findMany({
            where: { id: { in: input.userIds } },
            select: { id: true, departmentId: true },
          })
        : [];
    if (people.length !== (input.targetType === "PEOPLE" ? input.userIds.length : 0)) {
      throw new ValidationError({ userIds: "learning.rule.unknownPerson" });
    }
    assertRuleInScope(actor, input, people);
    const created = await tx.assignmentRule.create({
      data: {
        ...settings,
        activeKey,
        createdById: actor.id,
        createdAt: now,
        people: { create: people.map((person) => ({ userId: person.id })) },
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assignment.create",
      subjectType: "AssignmentRule",
      subjectId: created.id,
      after: {
        ...input,
        dueDate: input.dueDate?.toISOString() ?? null,
        hiredAfter: input.hiredAfter?.toISOString() ?? null,
      },
    });
    // The rule and its enrolments commit together.
    return { rule: created, enrolled: await applyRuleIn(tx, created.id, now) };
  });
}

/** HR removes any rule; a manager removes the rules they created. */
function mayRemove(
  actor: Principal,
  rule: { createdById: string | null; departmentId: string | null },
) {
  if (canOnAll(actor, "delete", "Assignment")) return true;
  return rule.createdById === actor.id && can(actor, "delete", "Assignment");
}

/**
 * Removes a rule: its not-started enrolments that nothing else holds are withdrawn; started
 * and completed ones stay (completed ones keep the link, as history).
 */
export async function removeRule(actor: Principal, ruleId: string, now = new Date()) {
  return getDb().$transaction(async (tx) => {
    const rule = await tx.assignmentRule.findUnique({ where: { id: ruleId } });
    if (!rule || rule.removedAt) throw new NotFoundError();
    if (!mayRemove(actor, rule)) throw new ForbiddenError();
    const linked = await tx.enrolmentSource.findMany({
      where: { ruleId, enrolment: { openKey: { not: null } } },
      select: {
        enrolment: {
          select: {
            id: true,
            status: true,
            selfEnrolled: true,
            _count: { select: { sources: true } },
          },
        },
      },
    });
    const withdraw = linked
      .map((link) => link.enrolment)
      .filter((e) => e.status === "NOT_STARTED" && !e.selfEnrolled && e._count.sources === 1)
      .map((e) => e.id);
    await tx.enrolmentSource.deleteMany({
      where: { ruleId, enrolmentId: { in: linked.map((l) => l.enrolment.id) } },
    });
    const { count } = await tx.enrolment.updateMany({
      // Re-checked here: one started at this very moment stays.
      where: { id: { in: withdraw }, status: "NOT_STARTED" },
      data: { status: "WITHDRAWN", withdrawnAt: now, openKey: null },
    });
    await refreshStatsForEnrolments(tx, withdraw);
    // Its key is freed: the same rule may be created again.
    await tx.assignmentRule.update({
      where: { id: ruleId },
      data: { removedAt: now, activeKey: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assignment.remove",
      subjectType: "AssignmentRule",
      subjectId: ruleId,
      after: { withdrawn: count, kept: linked.length - count },
    });
    return { withdrawn: count };
  });
}

/**
 * Enrolments of people the viewer may see now: a manager sees those in their tree today,
 * not everyone a rule of theirs once reached (people move and leave).
 */
function peopleInScope(actor: Principal): Prisma.EnrolmentWhereInput {
  return canOnAll(actor, "read", "Assignment")
    ? {}
    : { user: { departmentId: { in: [...actor.scopeDepartmentIds] } } };
}

export const RULE_PAGE_SIZE = 20;

/** Rules with their enrolment counts by status (one query for the counts of the page). */
export async function listRules(actor: Principal, page: number, now = new Date()) {
  const db = getDb();
  const scoped = canOnAll(actor, "read", "Assignment")
    ? {}
    : { OR: [{ departmentId: { in: [...actor.scopeDepartmentIds] } }, { createdById: actor.id }] };
  const where = { removedAt: null, ...scoped };
  const [total, rules] = await Promise.all([
    db.assignmentRule.count({ where }),
    db.assignmentRule.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * RULE_PAGE_SIZE,
      take: RULE_PAGE_SIZE,
      include: { course: { select: { title: true } }, _count: { select: { people: true } } },
    }),
  ]);
  // Counts per rule: a few aggregate queries per rule on the page, never the rows.
  const countsByRule = await Promise.all(
    rules.map(async (rule) => {
      const where = { sources: { some: { ruleId: rule.id } }, ...peopleInScope(actor) };
      const [byStatus, overdue, expired, overdueStarted] = await Promise.all([
        db.enrolment.groupBy({ by: ["status"], where, _count: { _all: true } }),
        db.enrolment.count({ where: { ...where, openKey: { not: null }, dueAt: { lt: now } } }),
        db.enrolment.count({ where: { ...where, status: "COMPLETED", expiresAt: { lte: now } } }),
        db.enrolment.count({ where: { ...where, status: "IN_PROGRESS", dueAt: { lt: now } } }),
      ]);
      const of = (status: string) =>
        byStatus.find((row) => row.status === status)?._count._all ?? 0;
      return {
        NOT_STARTED: of("NOT_STARTED") - (overdue - overdueStarted),
        IN_PROGRESS: of("IN_PROGRESS") - overdueStarted,
        OVERDUE: overdue,
        COMPLETED: of("COMPLETED") - expired,
        EXPIRED: expired,
        total: byStatus.reduce(
          (sum, row) => sum + (row.status === "WITHDRAWN" ? 0 : row._count._all),
          0,
        ),
      };
    }),
  );
  const departments = await db.department.findMany({
    where: { id: { in: rules.map((r) => r.departmentId).filter((id): id is string => !!id) } },
    select: { id: true, name: true },
  });
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / RULE_PAGE_SIZE)),
    rules: rules.map((rule, index) => {
      const counts = countsByRule[index]!;
      return {
        id: rule.id,
        courseTitle: rule.course.title,
        targetType: rule.targetType,
        departmentName: departments.find((d) => d.id === rule.departmentId)?.name ?? null,
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
    }),
  };
}

export const RULE_ENROLMENT_PAGE_SIZE = 25;

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
  const [total, enrolments] = await Promise.all([
    db.enrolment.count({ where }),
    db.enrolment.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * RULE_ENROLMENT_PAGE_SIZE,
      take: RULE_ENROLMENT_PAGE_SIZE,
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
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / RULE_ENROLMENT_PAGE_SIZE)),
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
  const everywhere = canOnAll(actor, "create", "Assignment");
  const [courses, departments, people] = await Promise.all([
    db.course.findMany({
      where: { status: "PUBLISHED" },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
    db.department.findMany({
      where: everywhere ? {} : { id: { in: [...actor.scopeDepartmentIds] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.user.findMany({
      where: {
        active: true,
        ...(everywhere ? {} : { departmentId: { in: [...actor.scopeDepartmentIds] } }),
      },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
      // The picker searches within these; beyond a thousand people, use a department rule.
      take: 1000,
    }),
  ]);
  return { courses, departments, people, everywhere };
}
