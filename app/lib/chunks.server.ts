import { setImmediate } from "node:timers/promises";

// Long writes run in bounded chunks and give the event loop a turn between them (decision
// 027): on SQLite every statement runs synchronously on the loop, and Prisma's awaits
// between statements resolve as microtasks, so without a yield a long write serves no other
// request until it ends. The sizes keep one chunk near 50 ms of CPU on SQLite on this 2-core
// machine (npm run bench:eventloop: 40 reminders took 60–110 ms, 25 people of a rule 45–80).

const DEFAULT_CHUNK_SIZES = {
  /** Ids per lookup before a write (a 900-id query took 150–380 ms to compile and read). */
  lookups: 100,
  /** Reminders per transaction: their log rows, notifications, e-mails and audit rows. */
  reminders: 20,
  /** People per transaction when a rule is applied to everyone it covers. */
  ruleEnrolments: 12,
  /** Expiring completions renewed per transaction. */
  renewals: 12,
  /** (department, course) pairs recounted per transaction or between two yields. */
  recountPairs: 5,
  /** Enrolments that fell due per slice of the overdue sweep (each names a pair to recount). */
  sweepRows: 20,
  /** Rows of a staff import written between two yields (its one transaction stays). */
  importRows: 100,
  /** KPI actuals per transaction of an actuals import: checks, upserts, audit, standings. */
  kpiImportRows: 1000,
  /** Points awarded per transaction by an earning rule's backfill (four statements each). */
  awardBackfill: 25,
  /** People given a badge per transaction by a badge backfill, with their notifications. */
  badgeAwards: 50,
};

export type ChunkName = keyof typeof DEFAULT_CHUNK_SIZES;

const sizes: Record<ChunkName, number> = { ...DEFAULT_CHUNK_SIZES };

export const chunkSize = (name: ChunkName) => sizes[name];

/**
 * Changes chunk sizes until the returned function is called: tests use tiny chunks to cross
 * chunk boundaries with a few rows, the benchmark measures the sizes used before 027.
 */
export function overrideChunkSizes(override: Partial<Record<ChunkName, number>>) {
  const before = { ...sizes };
  Object.assign(sizes, override);
  return () => void Object.assign(sizes, before);
}

/** Lets timers, I/O and other requests run before the work goes on. */
export const yieldToEventLoop = () => setImmediate();

/** Runs `work` on each chunk in order, yielding to the event loop after each. */
export async function forEachChunk<T>(
  items: readonly T[],
  name: ChunkName,
  work: (chunk: T[]) => Promise<void>,
) {
  const size = chunkSize(name);
  for (let i = 0; i < items.length; i += size) {
    await work(items.slice(i, i + size));
    await yieldToEventLoop();
  }
}
