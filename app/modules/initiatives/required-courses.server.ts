// Required courses (decision 040): each is enrolled through the learning module's assignment
// rules, one DEPARTMENT rule per target department, recorded in InitiativeCourseRule. The
// records are brought in line by syncCourseRules after every change: idempotent, safe under
// races (the record's key decides which rule stays) and healing a run cut off halfway.
import { insertIfAbsent } from "~/lib/create-once.server";
import { isoDate } from "~/lib/dates";
import { getDb, isUniqueViolation } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { courseSummaries } from "~/modules/courses/index.server";
import { parseRuleFields } from "~/modules/learning";
import { assignmentRulesById, createRule, removeRule } from "~/modules/learning/index.server";
import type { AddCourseInput } from "./schemas";

function assertUpdate(actor: Principal) {
  if (!can(actor, "update", "Initiative")) throw new ForbiddenError();
}

/** Removes a rule; one removed already (by a racing call, or in the learning pages) is fine. */
async function removeRuleQuietly(actor: Principal, ruleId: string) {
  try {
    await removeRule(actor, ruleId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

/**
 * Adds a required course (published only, optional due date) and creates its rules. The
 * same course added twice, or 50 times at once, is one required course with one rule per
 * target department. `added` is false when it was required already.
 */
export async function addRequiredCourse(
  actor: Principal,
  initiativeId: string,
  input: AddCourseInput,
) {
  assertUpdate(actor);
  const course = (await courseSummaries([input.courseId])).get(input.courseId);
  if (!course) throw new ValidationError({ courseId: "validation.required" });
  if (course.status !== "PUBLISHED")
    throw new ValidationError({ courseId: "initiatives.errors.courseNotPublished" });
  const added = await insertIfAbsent(() =>
    getDb().$transaction(async (tx) => {
      await tx.initiativeCourse.create({
        data: { initiativeId, courseId: input.courseId, dueDate: input.dueDate },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "initiative.course_add",
        subjectType: "Initiative",
        subjectId: initiativeId,
        after: { courseId: input.courseId, dueDate: input.dueDate?.toISOString() ?? null },
      });
    }),
  );
  await syncCourseRules(actor, initiativeId);
  return { added };
}

/** Removes a required course and its rules (their not-started enrolments are withdrawn). */
export async function removeRequiredCourse(
  actor: Principal,
  initiativeId: string,
  courseId: string,
) {
  assertUpdate(actor);
  const db = getDb();
  const records = await db.initiativeCourseRule.findMany({ where: { initiativeId, courseId } });
  // Rules first: a crash before the row goes leaves a required course whose rules the next
  // sync creates again, never rules without a course.
  for (const record of records) await removeRuleQuietly(actor, record.ruleId);
  const lateRuleIds = await db.$transaction(async (tx) => {
    const row = await tx.initiativeCourse.findUnique({
      where: { initiativeId_courseId: { initiativeId, courseId } },
      include: { rules: { select: { ruleId: true } } },
    });
    if (!row) return null;
    await tx.initiativeCourse.delete({
      where: { initiativeId_courseId: { initiativeId, courseId } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "initiative.course_remove",
      subjectType: "Initiative",
      subjectId: initiativeId,
      before: { courseId, dueDate: row.dueDate?.toISOString() ?? null },
    });
    return row.rules.map((rule) => rule.ruleId);
  });
  if (lateRuleIds === null) throw new NotFoundError();
  // A sync that ran meanwhile may have recorded a rule after the first pass: remove it too.
  const seen = new Set(records.map((record) => record.ruleId));
  for (const ruleId of lateRuleIds) if (!seen.has(ruleId)) await removeRuleQuietly(actor, ruleId);
}

interface WantedRule {
  courseId: string;
  departmentId: string;
  includeSubDepartments: boolean;
  /** null: no phase to take a date from, due in 30 days from assignment instead. */
  dueDate: Date | null;
  /** Rules are created for published courses only; an unpublished one keeps those it has. */
  published: boolean;
}

/** The rules the initiative should have: one per required course and target department. */
async function wantedRules(initiativeId: string): Promise<WantedRule[]> {
  const initiative = await getDb().initiative.findUnique({
    where: { id: initiativeId },
    select: {
      phases: { orderBy: { position: "asc" }, select: { endsOn: true } },
      departments: true,
      courses: { select: { courseId: true, dueDate: true } },
    },
  });
  if (!initiative) return [];
  const published = await courseSummaries(initiative.courses.map((c) => c.courseId));
  // The rollout phase is the second; without one, the last phase's end.
  const phaseEnd = (initiative.phases[1] ?? initiative.phases.at(-1))?.endsOn ?? null;
  return initiative.courses.flatMap((course) =>
    initiative.departments.map((target) => ({
      courseId: course.courseId,
      departmentId: target.departmentId,
      includeSubDepartments: target.includeSubDepartments,
      dueDate: course.dueDate ?? phaseEnd,
      published: published.get(course.courseId)?.status === "PUBLISHED",
    })),
  );
}

const pairKey = (courseId: string, departmentId: string) => `${courseId}\u0000${departmentId}`;

function ruleInput(wanted: WantedRule) {
  return parseRuleFields(wanted.courseId, {
    targetType: "DEPARTMENT",
    departmentId: wanted.departmentId,
    includeSubDepartments: wanted.includeSubDepartments ? "on" : "",
    ...(wanted.dueDate
      ? { dueMode: "DATE", dueDate: isoDate(wanted.dueDate), dueDays: "" }
      : { dueMode: "DAYS", dueDays: "30" }),
  });
}

type StoredRule = {
  departmentId: string | null;
  includeSubDepartments: boolean;
  dueDate: Date | null;
  removedAt: Date | null;
};

function matches(rule: StoredRule | undefined, wanted: WantedRule) {
  return (
    rule !== undefined &&
    rule.removedAt === null &&
    rule.departmentId === wanted.departmentId &&
    rule.includeSubDepartments === wanted.includeSubDepartments &&
    (rule.dueDate ? isoDate(rule.dueDate) : null) ===
      (wanted.dueDate ? isoDate(wanted.dueDate) : null)
  );
}

async function auditRule(
  actor: Principal,
  initiativeId: string,
  action: string,
  details: Record<string, unknown>,
) {
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      action,
      subjectType: "Initiative",
      subjectId: initiativeId,
      after: details,
    }),
  );
}

/**
 * Makes the initiative's rules what its required courses and targets say: creates missing
 * ones (and ones removed elsewhere), replaces those whose department setting or due date
 * changed, removes those of departments or courses no longer there. Idempotent; two HR users
 * running it at once end with one recorded rule per pair (the loser removes its own).
 */
export async function syncCourseRules(actor: Principal, initiativeId: string) {
  const db = getDb();
  const [wanted, records] = await Promise.all([
    wantedRules(initiativeId),
    db.initiativeCourseRule.findMany({ where: { initiativeId } }),
  ]);
  const rules = await assignmentRulesById(records.map((record) => record.ruleId));
  const recordOf = new Map(records.map((r) => [pairKey(r.courseId, r.departmentId), r]));
  const wantedKeys = new Set(wanted.map((w) => pairKey(w.courseId, w.departmentId)));

  for (const want of wanted) {
    const record = recordOf.get(pairKey(want.courseId, want.departmentId));
    if (!want.published || (record && matches(rules.get(record.ruleId), want))) continue;
    const { rule } = await createRule(actor, ruleInput(want));
    const pair = { initiativeId, courseId: want.courseId, departmentId: want.departmentId };
    if (!record) {
      const recorded = await recordRule(pair, rule.id, actor);
      if (!recorded) await dropIfUnrecorded(actor, pair, rule.id);
      continue;
    }
    // Replace: the new rule enrols first (shared enrolments keep a source), then the old goes.
    const swapped = await db.$transaction(async (tx) => {
      const { count } = await tx.initiativeCourseRule.updateMany({
        where: { ...pair, ruleId: record.ruleId },
        data: { ruleId: rule.id },
      });
      if (count > 0)
        await recordAudit(tx, {
          actorId: actor.id,
          action: "initiative.course_rule_replace",
          subjectType: "Initiative",
          subjectId: initiativeId,
          before: { ...pair, ruleId: record.ruleId },
          after: { ...pair, ruleId: rule.id },
        });
      return count > 0;
    });
    if (swapped) await removeRuleQuietly(actor, record.ruleId);
    else await dropIfUnrecorded(actor, pair, rule.id);
  }

  for (const record of records) {
    if (wantedKeys.has(pairKey(record.courseId, record.departmentId))) continue;
    await removeRuleQuietly(actor, record.ruleId);
    const { count } = await db.initiativeCourseRule.deleteMany({
      where: {
        initiativeId,
        courseId: record.courseId,
        departmentId: record.departmentId,
        ruleId: record.ruleId,
      },
    });
    if (count > 0)
      await auditRule(actor, initiativeId, "initiative.course_rule_remove", {
        courseId: record.courseId,
        departmentId: record.departmentId,
        ruleId: record.ruleId,
      });
  }
}

type Pair = { initiativeId: string; courseId: string; departmentId: string };

/** Records the pair's rule; false when another call recorded one first. */
async function recordRule(pair: Pair, ruleId: string, actor: Principal) {
  try {
    return await insertIfAbsent(() =>
      getDb().$transaction(async (tx) => {
        await tx.initiativeCourseRule.create({ data: { ...pair, ruleId } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "initiative.course_rule_create",
          subjectType: "Initiative",
          subjectId: pair.initiativeId,
          after: { ...pair, ruleId },
        });
      }),
    );
  } catch (error) {
    // The required course went meanwhile (removed): the rule has no place.
    if (!isUniqueViolation(error)) await removeRuleQuietly(actor, ruleId);
    throw error;
  }
}

/**
 * Another call recorded a rule for this pair first. Ours stays only if it is that very rule
 * (the same actor's repeat, deduplicated by the learning module) or another pair's record.
 */
async function dropIfUnrecorded(actor: Principal, pair: Pair, ruleId: string) {
  const holder = await getDb().initiativeCourseRule.findUnique({ where: { ruleId } });
  if (!holder) await removeRuleQuietly(actor, ruleId);
}
