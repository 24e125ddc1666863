import { insertRows } from "~/lib/bulk-insert.server";
import { getDb, isUniqueViolation, type DbTx, type Prisma } from "~/lib/db.server";
import { meetsCondition, STILL_VALID } from "./enrolment-status";
import { dueDateFor, ruleMatcher, type MatchableUser } from "./matching";
import { latestPublishedVersion, openKeyOf } from "./open-enrolment.server";
import { alignUserEnrolments, refreshProgressStats } from "./progress-stats.server";
import { recertify } from "./recertification.server";

// Applying assignment rules: each person a rule covers gets one open enrolment, idempotently,
// when the rule is created, when the person changes, on My learning and in the job.

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
  let created = 0;
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
export async function applyRuleIn(tx: DbTx, ruleId: string, now: Date) {
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
const INSERT_CHUNK = 500;

/**
 * The bulk path for people just created together (a staff import), inside the caller's
 * transaction: what syncUserEnrolmentsIn gives each of them (new-hire rules included), in a
 * few inserts. New people have no enrolments to align and no completions to renew. Rules on
 * one course share the enrolment: the earliest due date, the shortest recertification.
 */
export async function enrolNewUsersIn(tx: DbTx, userIds: readonly string[], now = new Date()) {
  if (userIds.length === 0) return 0;
  const [rules, departments] = await Promise.all([
    tx.assignmentRule.findMany({ where: { removedAt: null }, include: ruleInclude }),
    tx.department.findMany({ select: { id: true, parentId: true } }),
  ]);
  const users: MatchableUser[] = [];
  for (let i = 0; i < userIds.length; i += ID_CHUNK) {
    const ids = userIds.slice(i, i + ID_CHUNK);
    users.push(
      ...(await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: userFields })),
    );
  }
  const planned = new Map<string, PlannedEnrolment>();
  for (const rule of rules) {
    const covered = users.filter(ruleMatcher(matchable(rule), departments));
    const version = covered.length > 0 ? await latestPublishedVersion(tx, rule.courseId) : null;
    if (!version) continue;
    for (const user of covered) planEnrolment(planned, rule, user, version.id, now);
  }
  const enrolments = [...planned.values()];
  for (let i = 0; i < enrolments.length; i += INSERT_CHUNK) {
    // Raw inserts (lib/bulk-insert): an import enrols 20,000 people in its transaction.
    const chunk = enrolments.slice(i, i + INSERT_CHUNK);
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
  }
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
