// Submitting an idea, and the choices its form offers.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { assertRendersInTime } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import type { IdeaInput } from "./schemas";

/**
 * Submits an idea; the same submission again (every field the same) is the one idea. `now`
 * is when it happened (the demo tells a story over months; its points are dated with it).
 */
export async function createIdea(actor: Principal, input: IdeaInput, now = new Date()) {
  if (!can(actor, "create", "Idea")) throw new ForbiddenError();
  assertRendersInTime({ problem: input.problem, proposal: input.proposal });
  const submitKey = keyOf("idea", actor.id, input);
  return createOnce(
    () => insertIdea(actor, input, submitKey, now),
    async () =>
      (await getDb().idea.findUnique({ where: { submitKey }, select: { id: true } }))?.id ?? null,
  );
}

async function insertIdea(actor: Principal, input: IdeaInput, submitKey: string, now: Date) {
  return getDb().$transaction(async (tx) => {
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
  });
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
