import { DAY_MS } from "~/lib/dates";

// The one definition of what an enrolment shows: its display status (OVERDUE and EXPIRED
// come from dates, never stored), "due soon" on My learning, and when a completion is due
// for recertification. Each is a condition in the table below, plain data; the pure test
// here, the Prisma filters and the export's SQL (enrolment-status.server.ts) are all read
// from it, and test/integration/enrolment-status.test.ts proves the three agree.

/** An open enrolment due within this many days is "due soon" on My learning. */
export const DUE_SOON_DAYS = 14;
/** A completion this close to expiry gets its recertification enrolment. */
export const RECERTIFY_NOTICE_DAYS = 30;
/** The "due in three days" reminder. */
export const DUE_SOON_NOTICE_DAYS = 3;
/** The "certificate expiring" reminder goes this many days ahead. */
export const CERT_EXPIRY_NOTICE_DAYS = 30;

export type StoredStatus = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | "WITHDRAWN";
/** Stored statuses of an open enrolment: the learner still has work to do. */
export const OPEN_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const;
export const isOpenStatus = (status: string) =>
  (OPEN_STATUSES as readonly string[]).includes(status);

export type DateColumn = "dueAt" | "expiresAt";
export type Comparison = "lt" | "lte" | "gt" | "gte";

/** `column <op> now + days`; an empty column passes only when `orEmpty` says so. */
export interface DateTest {
  column: DateColumn;
  op: Comparison;
  days: number;
  orEmpty?: true;
}

/** The stored status is one of `stored`, and every date test holds. */
export interface EnrolmentCondition {
  stored: readonly StoredStatus[];
  dates: readonly DateTest[];
}

const dueNotPassed: DateTest = { column: "dueAt", op: "gte", days: 0, orEmpty: true };
const notExpired: DateTest = { column: "expiresAt", op: "gt", days: 0, orEmpty: true };
const expiryReached: DateTest = { column: "expiresAt", op: "lte", days: 0 };

/**
 * The display statuses, in the order lists and filters show them. They partition every
 * enrolment: exactly one holds for each stored status and dates.
 */
export const DISPLAY_STATUS_CONDITIONS = {
  NOT_STARTED: { stored: ["NOT_STARTED"], dates: [dueNotPassed] },
  IN_PROGRESS: { stored: ["IN_PROGRESS"], dates: [dueNotPassed] },
  OVERDUE: { stored: OPEN_STATUSES, dates: [{ column: "dueAt", op: "lt", days: 0 }] },
  COMPLETED: { stored: ["COMPLETED"], dates: [notExpired] },
  EXPIRED: { stored: ["COMPLETED"], dates: [expiryReached] },
  WITHDRAWN: { stored: ["WITHDRAWN"], dates: [] },
} as const satisfies Record<string, EnrolmentCondition>;

export type DisplayStatus = keyof typeof DISPLAY_STATUS_CONDITIONS;
export const DISPLAY_STATUSES = Object.keys(DISPLAY_STATUS_CONDITIONS) as DisplayStatus[];

/** The statuses of current enrolments (the ones reports count and filter by). */
export const CURRENT_STATUSES = [
  "NOT_STARTED",
  "IN_PROGRESS",
  "OVERDUE",
  "COMPLETED",
  "EXPIRED",
] as const satisfies readonly DisplayStatus[];

/** What a stored status outside the table shows (none exists; the SQL needs an ELSE). */
export const UNKNOWN_STORED_STATUS_SHOWS: DisplayStatus = "NOT_STARTED";

/** Open, due between now and DUE_SOON_DAYS from now (the section on My learning). */
export const DUE_SOON: EnrolmentCondition = {
  stored: OPEN_STATUSES,
  dates: [
    { column: "dueAt", op: "gte", days: 0 },
    { column: "dueAt", op: "lte", days: DUE_SOON_DAYS },
  ],
};

/** A completion that expires within the notice period (or has expired): renew it. */
export const RENEWAL_DUE: EnrolmentCondition = {
  stored: ["COMPLETED"],
  dates: [{ column: "expiresAt", op: "lte", days: RECERTIFY_NOTICE_DAYS }],
};

/** A completion that stays valid beyond the notice period: nothing to retake. */
export const STILL_VALID: EnrolmentCondition = {
  stored: ["COMPLETED"],
  dates: [{ column: "expiresAt", op: "gt", days: RECERTIFY_NOTICE_DAYS, orEmpty: true }],
};

/** Open and due within DUE_SOON_NOTICE_DAYS: the "due soon" reminder. */
export const DUE_SOON_NOTICE: EnrolmentCondition = {
  stored: OPEN_STATUSES,
  dates: [
    { column: "dueAt", op: "gte", days: 0 },
    { column: "dueAt", op: "lte", days: DUE_SOON_NOTICE_DAYS },
  ],
};

/** A completion still valid that expires within CERT_EXPIRY_NOTICE_DAYS: its reminder. */
export const CERT_EXPIRY_NOTICE: EnrolmentCondition = {
  stored: ["COMPLETED"],
  dates: [
    { column: "expiresAt", op: "gt", days: 0 },
    { column: "expiresAt", op: "lte", days: CERT_EXPIRY_NOTICE_DAYS },
  ],
};

/** The moment a date test compares against. */
export const momentOf = (test: DateTest, now: Date) => new Date(now.getTime() + test.days * DAY_MS);

const COMPARE: Record<Comparison, (value: number, moment: number) => boolean> = {
  lt: (value, moment) => value < moment,
  lte: (value, moment) => value <= moment,
  gt: (value, moment) => value > moment,
  gte: (value, moment) => value >= moment,
};

export interface StatusFields {
  status: string;
  dueAt: Date | null;
  expiresAt: Date | null;
}

function meetsDateTest(test: DateTest, value: Date | null, now: Date) {
  if (!value) return test.orEmpty === true;
  return COMPARE[test.op](value.getTime(), momentOf(test, now).getTime());
}

export function meetsCondition(
  condition: EnrolmentCondition,
  enrolment: StatusFields,
  now: Date,
): boolean {
  if (!(condition.stored as readonly string[]).includes(enrolment.status)) return false;
  return condition.dates.every((test) => meetsDateTest(test, enrolment[test.column], now));
}

/** A completion's certificate has expired (as the EXPIRED status reads its expiry). */
export const certificateExpired = (expiresAt: Date | null, now: Date) =>
  meetsDateTest(expiryReached, expiresAt, now);

/** The status an enrolment shows at `now`. */
export function displayStatus(enrolment: StatusFields, now: Date): DisplayStatus {
  return (
    DISPLAY_STATUSES.find((status) =>
      meetsCondition(DISPLAY_STATUS_CONDITIONS[status], enrolment, now),
    ) ?? UNKNOWN_STORED_STATUS_SHOWS
  );
}

export const isDueSoon = (enrolment: StatusFields, now: Date) =>
  meetsCondition(DUE_SOON, enrolment, now);
