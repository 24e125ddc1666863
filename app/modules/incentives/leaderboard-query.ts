import { z } from "zod";
import { PERIOD_KINDS } from "./periods";

// The board's choices: the period (this month, this quarter, all time) and a department for
// the people leaderboard ("" = the whole company).
export const leaderboardQuerySchema = z.object({
  period: z.enum(PERIOD_KINDS).catch("month"),
  department: z.string().max(40).optional().catch(undefined),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export const LEADERBOARD_SIZE = 20;
