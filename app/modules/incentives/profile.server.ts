// A person's profile card on the incentive board (decision 032): who they are, their badges
// and the points they earned all time.
import { getDb } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { can, canOnAll, type Principal } from "~/lib/permissions";
import { activePersonCard } from "~/modules/org/index.server";
import { badgesOf } from "./badges.server";
import { ALL_TIME } from "./periods";

/** The points a person earned all time (awards and HR's adjustments), from the running totals. */
export async function earnedAllTime(userId: string): Promise<number> {
  // One row per department the person earned in: their all-time total is the sum.
  const { _sum } = await getDb().pointsTotal.aggregate({
    where: { period: ALL_TIME, userId },
    _sum: { points: true },
  });
  return _sum.points ?? 0;
}

/**
 * The card of an active person, for any signed-in colleague; an unknown or deactivated person
 * is not found. A person who hides from public leaderboards keeps their points off the card
 * too (it would show what the leaderboard hides), except to themselves and to HR.
 */
export async function profileCard(viewer: Principal, userId: string) {
  const person = await activePersonCard(userId);
  if (!person) throw new NotFoundError();
  const self = viewer.id === userId;
  const [badges, privacy] = await Promise.all([
    badgesOf(userId),
    getDb().leaderboardPrivacy.findUnique({ where: { userId }, select: { hidden: true } }),
  ]);
  const hidden = privacy?.hidden ?? false;
  const showPoints = !hidden || self || canOnAll(viewer, "read", "Points");
  return {
    person,
    badges,
    pointsEarned: showPoints ? await earnedAllTime(userId) : null,
    hiddenFromLeaderboards: hidden,
    canSendKudos: !self && can(viewer, "create", "Kudos"),
  };
}
