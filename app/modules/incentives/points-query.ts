import { z } from "zod";
import { pageField } from "~/lib/fields";
import { POINTS_KINDS } from "./ledger-admin";

/** A date query parameter (YYYY-MM-DD, UTC), ignored when malformed. */
const queryDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((value) => new Date(`${value}T00:00:00.000Z`))
  .refine((date) => !Number.isNaN(date.getTime()))
  .optional()
  .catch(undefined);

// The My points history's filters.
export const pointsHistoryQuerySchema = z.object({
  kind: z.enum(POINTS_KINDS).optional().catch(undefined),
  source: z.string().max(40).optional().catch(undefined),
  from: queryDate,
  to: queryDate,
  page: pageField,
});
export type PointsHistoryQuery = z.infer<typeof pointsHistoryQuerySchema>;

export const POINTS_HISTORY_PAGE_SIZE = 25;
