import { insertRows } from "~/lib/bulk-insert.server";
import { forEachChunk, yieldToEventLoop } from "~/lib/chunks.server";
import { getDb, isUniqueViolation, type DbTx, type Prisma } from "~/lib/db.server";
import { withDescendants, type TreeNode } from "~/lib/department-tree";
import type { Role } from "~/lib/permissions";
import { meetsCondition, STILL_VALID } from "./enrolment-status";
import { dueDateFor, ruleMatcher, type MatchableUser } from "./matching";
import { latestPublishedVersion, openKeyOf } from "./open-enrolment.server";
import { alignUserEnrolments, refreshProgressStats } from "./progress-stats.server";
import {
  newEnrolmentSelect,
  raiseEnrolmentsCreated,
  type NewEnrolment,
} from "./enrolment-events.server";
import { recertify, recertifyAll } from "./recertification.server";

// Applying assignment rules: each person a rule covers gets one open enrolment, idempotently,
// when the rule is created, when the person or their department changes, and in the job.

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

interface OpenEnrolment {
  id: string;
  dueAt: Date | null;
  recurrenceMonths: number | null;
  sources: { ruleId: string }[];
}

/**
 * Links the rule to an enrolment the person already has open. The earliest due date wins;
 * the shortest recertification period of the linked rules holds.
 */
async function linkOpenEnrolment(tx: DbTx, rule: RuleRow, open: OpenEnrolment, due: Date | null) {
  if (open.sources.length === 0) {
    await tx.enrolmentSource.create({ data: { enrolmentId: open.id, ruleId: rule.id } });
  }
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
}

/**
 * Makes sure each matched user has an open enrolment from this rule: links the rule to an
 * existing open enrolment, skips people whose completion is still valid, and creates the
 * rest. Idempotent: running it again changes nothing.
 */
async function ensureEnrolments(tx: DbTx, rule: RuleRow, users: MatchableUser[], now: Date) {
  if (users.length === 0) return 0;
  const version = await latestPublishedVersion(tx, rule.courseId);
  if (!version) return 0;
  const existing = await tx.enrolment.findMany({
    where: {
      courseId: rule.courseId,
      userId: { in: users.map((u) => u.id) },
      status: { not: "WITHDRAWN" },
    },
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
  const created: NewEnrolment[] = [];
  const touchedDepartments = new Set<string | null>();
  for (const user of users) {
    const mine = existing.filter((e) => e.userId === user.id);
    const open = mine.find((e) => e.openKey !== null);
    const due = dueDateFor(matchable(rule), user, now);
    if (open) {
      await linkOpenEnrolment(tx, rule, open, due);
      continue;
    }
    if (mine.some((e) => meetsCondition(STILL_VALID, e, now))) continue;
    const enrolment = await tx.enrolment.create({
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
      select: newEnrolmentSelect,
    });
    created.push(enrolment);
    touchedDepartments.add(user.departmentId);
  }
  await raiseEnrolmentsCreated(tx, created);
  await refreshProgressStats(
    tx,
    [...touchedDepartments].map((departmentId) => ({ departmentId, courseId: rule.courseId })),
  );
  return created.length;
}

/** The active rules and the department tree they are matched against. */
const activeRulesAndDepartments = (tx: DbTx) =>
  Promise.all([
    tx.assignmentRule.findMany({ where: { removedAt: null }, include: ruleInclude }),
    tx.department.findMany({ select: { id: true, parentId: true } }),
  ]);

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

const USER_PAGE = 1000;

/** Who the rule may cover, narrowed in SQL where the target allows (a department, a role). */
function candidateWhere(rule: RuleRow, departments: readonly TreeNode[]): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = { active: true };
  if (rule.targetType === "DEPARTMENT" && rule.departmentId) {
    where.departmentId = {
      in: rule.includeSubDepartments
        ? withDescendants(departments, [rule.departmentId])
        : [rule.departmentId],
    };
  }
  if (rule.targetType === "ROLE" && rule.role) where.role = rule.role as Role;
  return where;
}

/**
 * Everyone the rule covers now, read a page at a time with a yield between pages: 20,000
 * people in one read would hold the event loop while Prisma builds the rows. Sorted by
 * department, so that each chunk of enrolments recounts few report pairs.
 */
async function coveredUsers(rule: RuleRow) {
  const db = getDb();
  const departments = await db.department.findMany({ select: { id: true, parentId: true } });
  const matches = ruleMatcher(matchable(rule), departments);
  const where = candidateWhere(rule, departments);
  const covered: MatchableUser[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await db.user.findMany({
      where: cursor ? { AND: [where, { id: { gt: cursor } }] } : where,
      orderBy: { id: "asc" },
      take: USER_PAGE,
      select: userFields,
    });
    covered.push(...page.filter(matches));
    if (page.length < USER_PAGE) break;
    cursor = page[page.length - 1]!.id;
    await yieldToEventLoop();
  }
  const byDepartment = (a: MatchableUser, b: MatchableUser) =>
    (a.departmentId ?? "").localeCompare(b.departmentId ?? "") || a.id.localeCompare(b.id);
  return covered.sort(byDepartment);
}

/**
 * Applies one rule to everyone it covers now, in chunks of people, each its own short
 * transaction (decision 027). Idempotent, so a run cut off halfway is finished by the next
 * one (the hourly job). A rule removed meanwhile enrols nobody more. Returns how many
 * enrolments it created.
 */
export async function applyRule(ruleId: string, now = new Date()) {
  const db = getDb();
  const rule = await db.assignmentRule.findUnique({ where: { id: ruleId }, include: ruleInclude });
  if (!rule || rule.removedAt) return 0;
  let created = 0;
  await forEachChunk(await coveredUsers(rule), "ruleEnrolments", async (people) => {
    created += await retryOnConflict(() =>
      db.$transaction(async (tx) => {
        const current = await tx.assignmentRule.findUnique({
          where: { id: ruleId },
          select: { removedAt: true },
        });
        return current && !current.removedAt ? ensureEnrolments(tx, rule, people, now) : 0;
      }),
    );
  });
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
  const [rules, departments] = await activeRulesAndDepartments(tx);
  // Renewals first, so an expiring completion is renewed as such (due at its expiry).
  let created = await recertify(tx, now, userId);
  for (const rule of rules) {
    if (ruleMatcher(matchable(rule), departments)(user)) {
      created += await ensureEnrolments(tx, rule, [user], now);
    }
  }
  return created;
}

/** The same in its own transaction. */
export async function syncUserEnrolments(userId: string, now = new Date()) {
  return retryOnConflict(() => getDb().$transaction((tx) => syncUserEnrolmentsIn(tx, userId, now)));
}

/**
 * Every rule and every recertification: the "apply all rules now" button and the hourly
 * job, which heals what a change did not apply (a run cut off halfway, a write that
 * bypassed the module). Each step is chunked (decision 027).
 */
export async function applyAllRules(now = new Date()) {
  const rules = await getDb().assignmentRule.findMany({
    where: { removedAt: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  let created = await recertifyAll(now);
  for (const rule of rules) created += await applyRule(rule.id, now);
  return created;
}

/** The active rules of one course, applied again: a course restored from the archive. */
export async function applyCourseRules(courseId: string, now = new Date()) {
  const rules = await getDb().assignmentRule.findMany({
    where: { courseId, removedAt: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  let created = 0;
  for (const rule of rules) created += await applyRule(rule.id, now);
  return created;
}

/**
 * Applies every active rule to these people in the caller's transaction: a department moved
 * under another parent brings its people under that parent's rules.
 */
export async function enrolCoveredIn(tx: DbTx, userIds: readonly string[], now = new Date()) {
  if (userIds.length === 0) return 0;
  const [rules, departments] = await activeRulesAndDepartments(tx);
  const users = await usersByIds(tx, userIds);
  let created = 0;
  for (const rule of rules) {
    const covered = users.filter(ruleMatcher(matchable(rule), departments));
    await forEachChunk(covered, "ruleEnrolments", async (people) => {
      created += await ensureEnrolments(tx, rule, people, now);
    });
  }
  return created;
}

async function usersByIds(tx: DbTx, userIds: readonly string[]) {
  const users: MatchableUser[] = [];
  for (let i = 0; i < userIds.length; i += ID_CHUNK) {
    const ids = userIds.slice(i, i + ID_CHUNK);
    users.push(
      ...(await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: userFields })),
    );
  }
  return users;
}

interface PlannedEnrolment {
  userId: string;
  departmentId: string | null;
  courseId: string;
  versionId: string;
  openKey: string;
  assignedAt: Date;
  dueAt: Date | null;
  recurrenceMonths: number | null;
  ruleIds: string[];
}

// SQLite takes at most 999 bound parameters per statement through the driver adapter.
const ID_CHUNK = 900;

/**
 * The bulk path for people just created together (a staff import), inside the caller's
 * transaction: what syncUserEnrolmentsIn gives each of them (new-hire rules included), in a
 * few inserts. New people have no enrolments to align and no completions to renew. Rules on
 * one course share the enrolment: the earliest due date, the shortest recertification.
 */
export async function enrolNewUsersIn(tx: DbTx, userIds: readonly string[], now = new Date()) {
  if (userIds.length === 0) return 0;
  const [rules, departments] = await activeRulesAndDepartments(tx);
  const users = await usersByIds(tx, userIds);
  const planned = new Map<string, PlannedEnrolment>();
  for (const rule of rules) {
    const covered = users.filter(ruleMatcher(matchable(rule), departments));
    const version = covered.length > 0 ? await latestPublishedVersion(tx, rule.courseId) : null;
    if (!version) continue;
    for (const user of covered) planEnrolment(planned, rule, user, version.id, now);
  }
  const enrolments = [...planned.values()];
  // Raw inserts (lib/bulk-insert): an import enrols 20,000 people in its one transaction,
  // yielding between chunks (decision 027).
  await forEachChunk(enrolments, "importRows", async (chunk) => {
    const ids = await insertRows(
      tx,
      "Enrolment",
      chunk.map(({ ruleIds: _ruleIds, ...row }) => row),
    );
    await insertRows(
      tx,
      "EnrolmentSource",
      chunk.flatMap((row, k) => row.ruleIds.map((ruleId) => ({ enrolmentId: ids[k]!, ruleId }))),
      { id: null },
    );
    await raiseEnrolmentsCreated(
      tx,
      chunk.map((row, k) => ({ ...row, id: ids[k]! })),
    );
  });
  await refreshProgressStats(tx, enrolments);
  return enrolments.length;
}

function planEnrolment(
  planned: Map<string, PlannedEnrolment>,
  rule: RuleRow,
  user: MatchableUser,
  versionId: string,
  now: Date,
) {
  const openKey = openKeyOf(user.id, rule.courseId);
  const due = dueDateFor(matchable(rule), user, now);
  const open = planned.get(openKey);
  if (!open) {
    planned.set(openKey, {
      userId: user.id,
      departmentId: user.departmentId,
      courseId: rule.courseId,
      versionId,
      openKey,
      assignedAt: now,
      dueAt: due,
      recurrenceMonths: rule.recurrenceMonths,
      ruleIds: [rule.id],
    });
    return;
  }
  open.ruleIds.push(rule.id);
  if (due && (!open.dueAt || due < open.dueAt)) open.dueAt = due;
  if (
    rule.recurrenceMonths !== null &&
    (open.recurrenceMonths === null || rule.recurrenceMonths < open.recurrenceMonths)
  ) {
    open.recurrenceMonths = rule.recurrenceMonths;
  }
}
