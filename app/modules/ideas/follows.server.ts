// Following an idea: its status changes reach the followers (and the author).
import { insertIfAbsent } from "~/lib/create-once.server";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { loadIdea } from "./idea-records.server";

export async function setFollowing(actor: Principal, ideaId: string, following: boolean) {
  const db = getDb();
  await loadIdea(db, actor, ideaId);
  if (following) {
    const exists = await db.ideaFollow.findUnique({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
    });
    if (!exists)
      await insertIfAbsent(() => db.ideaFollow.create({ data: { ideaId, userId: actor.id } }));
  } else {
    await db.ideaFollow.deleteMany({ where: { ideaId, userId: actor.id } });
  }
}
