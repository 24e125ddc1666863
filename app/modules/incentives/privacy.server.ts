// Leaderboard privacy (decision 036): people who hide themselves from public leaderboards.
import { getDb } from "~/lib/db.server";

/** Hides (or shows again) the person on public leaderboards. */
export async function setLeaderboardHidden(userId: string, hidden: boolean): Promise<void> {
  await getDb().leaderboardPrivacy.upsert({
    where: { userId },
    create: { userId, hidden },
    update: { hidden },
  });
}

/** Whether the person hides themselves from public leaderboards (no row: shown). */
export async function isLeaderboardHidden(userId: string): Promise<boolean> {
  const row = await getDb().leaderboardPrivacy.findUnique({ where: { userId } });
  return row?.hidden ?? false;
}
