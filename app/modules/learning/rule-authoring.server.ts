import { keyOf } from "~/lib/create-once.server";
import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { can, visibility, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { endOfDay, startOfDay } from "./matching";
import { refreshStatsForEnrolments } from "./progress-stats.server";
import { applyRule } from "./rule-application.server";
import type { RuleInput } from "./schemas";

// Creating and removing assignment rules (HR everywhere, managers in their own tree).

/**
 * The rule's targets must lie in the actor's reach: targets that span the company (all
 * staff, a role, a job title) need the grant everywhere; a department or named people
 * need each department to be one the actor may assign in.
 */
function assertRuleInScope(
  actor: Principal,
  input: RuleInput,
  people: { departmentId: string | null }[],
) {
  if (visibility(actor, "create", "Assignment").kind === "all") return;
  const inScope = (departmentId: string | null) =>
    can(actor, "create", { type: "Assignment", departmentId });
  const allowed =
    (input.targetType === "DEPARTMENT" && inScope(input.departmentId)) ||
    (input.targetType === "PEOPLE" && people.every((user) => inScope(user.departmentId)));
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
 * Creates a rule, then its enrolments. The same creation repeated (a double click, a resent
 * form, 50 at once) gives the one rule: the unique active key refuses the second insert,
 * and the repeat answers with the rule that exists, `duplicate: true`, enrolling no one.
 */
export async function createRule(actor: Principal, input: RuleInput, now = new Date()) {
  if (!can(actor, "create", "Assignment")) throw new ForbiddenError();
  const settings = ruleSettings(input, now);
  const activeKey = activeKeyOf(actor.id, settings, input.userIds);
  for (let attempt = 0; ; attempt++) {
    let rule;
    try {
      rule = await insertRule(actor, input, settings, activeKey, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await getDb().assignmentRule.findUnique({ where: { activeKey } });
      if (existing) return { rule: existing, enrolled: 0, duplicate: true };
      // Removed in between: try once more.
      if (attempt > 0) throw error;
      continue;
    }
    // The rule and its audit entry commit first, its enrolments follow in short chunks
    // (decision 027); a run cut off halfway is finished by the hourly job.
    return { rule, enrolled: await applyRule(rule.id, now), duplicate: false };
  }
}

/** The course, department and people the rule names, refused when one does not exist. */
async function loadRuleTargets(tx: DbTx, input: RuleInput) {
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
  return { people };
}

async function insertRule(
  actor: Principal,
  input: RuleInput,
  settings: ReturnType<typeof ruleSettings>,
  activeKey: string,
  now: Date,
) {
  return getDb().$transaction(async (tx) => {
    const { people } = await loadRuleTargets(tx, input);
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
    return created;
  });
}

/** HR removes any rule; a manager (assigning in their tree) removes the rules they created. */
function mayRemove(actor: Principal, rule: { createdById: string | null }) {
  const reach = visibility(actor, "delete", "Assignment");
  return reach.kind === "all" || (reach.kind !== "none" && rule.createdById === actor.id);
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
