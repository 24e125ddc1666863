// Voting: one vote per person, never on your own idea.
import { createOnce } from "~/lib/create-once.server";
import { getDb } from "~/lib/db.server";
import { ConflictError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { loadIdea, recountVotes } from "./idea-records.server";

/**
 * Repeats and races leave one vote (the primary key is idea and person). The racing insert
 * fails, and with it its transaction (PostgreSQL ends a transaction at its first error);
 * the second try finds the vote and only recounts.
 */
export async function vote(actor: Principal, ideaId: string) {
  return createOnce(
    () => castVote(actor, ideaId),
    () => castVote(actor, ideaId),
  );
}

async function castVote(actor: Principal, ideaId: string) {
  return getDb().$transaction(async (tx) => {
    const idea = await loadIdea(tx, actor, ideaId);
    if (idea.authorId === actor.id) throw new ConflictError("ideas.vote.ownIdea");
    if (idea.status === "DUPLICATE") throw new ConflictError("ideas.vote.merged");
    const existing = await tx.ideaVote.findUnique({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
    });
    if (!existing) await tx.ideaVote.create({ data: { ideaId, userId: actor.id } });
    return recountVotes(tx, ideaId);
  });
}

export async function unvote(actor: Principal, ideaId: string) {
  return getDb().$transaction(async (tx) => {
    await loadIdea(tx, actor, ideaId);
    await tx.ideaVote.deleteMany({ where: { ideaId, userId: actor.id } });
    return recountVotes(tx, ideaId);
  });
}
