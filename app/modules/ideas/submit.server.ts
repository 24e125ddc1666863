// Submitting an idea, and the choices its form offers.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { assertRendersInTime } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import type { IdeaInput } from "./schemas";

/** How an idea is submitted, beyond what its author typed. */
export interface SubmitOptions {
  /** When it happened (the demo tells a story over months; its points are dated with it). */
  now?: Date;
  /**
   * Submit inside the caller's transaction (an idea made from another record, linked in the
   * same transaction). The caller guards against a double submit: a repeated key fails the
   * insert, and on PostgreSQL a failed insert ends the transaction, so it cannot be answered
   * here with the existing idea.
   */
  tx?: DbTx;
  /** The idea's unique key instead of one from its content (one idea per source record). */
  submitKey?: string;
}

/**
 * Submits an idea; the same submission again (every field the same, or the same
 * `submitKey`) is the one idea. The audit entry and the idea.submitted event (its points)
 * are written with it, in its transaction, once.
 */
export async function createIdea(actor: Principal, input: IdeaInput, options: SubmitOptions = {}) {
  if (!can(actor, "create", "Idea")) throw new ForbiddenError();
  assertRendersInTime({ problem: input.problem, proposal: input.proposal });
  const now = options.now ?? new Date();
  const submitKey = options.submitKey ?? keyOf("idea", actor.id, input);
  if (options.tx) return insertIdea(options.tx, actor, input, submitKey, now);
  return createOnce(
    () => getDb().$transaction((tx) => insertIdea(tx, actor, input, submitKey, now)),
    async () =>
      (await getDb().idea.findUnique({ where: { submitKey }, select: { id: true } }))?.id ?? null,
  );
}

async function insertIdea(
  tx: DbTx,
  actor: Principal,
  input: IdeaInput,
  submitKey: string,
  now: Date,
) {
  if (input.departmentId) {
    const exists = await tx.department.findUnique({ where: { id: input.departmentId } });
    if (!exists) throw new ValidationError({ departmentId: "validation.invalid" });
  }
  const idea = await tx.idea.create({
    data: {
      title: input.title,
      problem: input.problem,
      proposal: input.proposal,
      category: input.category,
      departmentId: input.departmentId || null,
      hoursSavedPerMonth: input.hoursSavedPerMonth,
      costSaving: input.costSaving,
      satisfactionEffect: input.satisfactionEffect || null,
      anonymous: input.anonymous,
      authorId: actor.id,
      submitKey,
      createdAt: now,
      follows: { create: { userId: actor.id } },
      history: {
        create: { fromStatus: "", toStatus: "SUBMITTED", actorId: actor.id, createdAt: now },
      },
    },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "idea.create",
    subjectType: "Idea",
    subjectId: idea.id,
    // The audit trail is admin-only, so the author is recorded as for any change.
    after: { title: idea.title, anonymous: idea.anonymous },
  });
  await raise(tx, "idea.submitted", {
    ideaId: idea.id,
    authorId: actor.id,
    anonymous: idea.anonymous,
    at: idea.createdAt,
  });
  return idea.id;
}

/** Departments for the submit form and the board filter. */
export async function ideaFormOptions() {
  return {
    departments: await getDb().department.findMany({
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  };
}
