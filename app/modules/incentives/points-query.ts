import { z } from "zod";
import { optionalDateField, pageField } from "~/lib/fields";
import { POINTS_KINDS } from "./ledger-admin";

/**
 * The filters of a points history, My points' and HR's ledger alike (the URL; historyWhere
 * applies them). Bad values are "all", never an error page.
 */
export const pointsHistoryQuerySchema = z.object({
  kind: z.enum(POINTS_KINDS).optional().catch(undefined),
  source: z
    .string()
    .regex(/^[A-Z_]{1,60}$/)
    .optional()
    .catch(undefined),
  /** UTC days, both included. */
  from: optionalDateField.optional().catch(null),
  to: optionalDateField.optional().catch(null),
  page: pageField,
});
export type PointsHistoryQuery = z.output<typeof pointsHistoryQuerySchema>;

/** HR's ledger: the same filters, for anyone or one person. */
export const ledgerQuerySchema = pointsHistoryQuerySchema.extend({
  person: z.string().trim().max(40).optional().catch(undefined),
});
export type LedgerQuery = z.output<typeof ledgerQuerySchema>;

export const POINTS_HISTORY_PAGE_SIZE = 25;
