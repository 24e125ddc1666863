// The ledger's kinds (the PointsKind enum), in the order lists show them.
export const POINTS_KINDS = ["EARNED", "SPENT", "HELD", "RELEASED", "ADJUSTMENT"] as const;
export type PointsKindName = (typeof POINTS_KINDS)[number];

/** Source types a person's history can be filtered by (the earning rules and the others). */
export const POINTS_SOURCES = [
  "COURSE_COMPLETED",
  "QUIZ_FIRST_ATTEMPT",
  "QUIZ_PERFECT",
  "IDEA_SUBMITTED",
  "IDEA_ACCEPTED",
  "IDEA_IMPLEMENTED",
  "KUDOS",
  "KUDOS_RECEIVED",
  "REDEMPTION",
  "ADJUSTMENT",
] as const;
