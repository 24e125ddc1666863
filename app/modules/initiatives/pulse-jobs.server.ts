// The pulse schedule (decision 039): opening and closing by the dates, the announcement to
// everyone asked and the one reminder before closing. Each in short transactions of a few
// people (decision 027), so 20,000 people never sit in one transaction; each is idempotent.
import { forEachChunk } from "~/lib/chunks.server";
import { DAY_MS, isoDate } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { notify, type Notice } from "~/modules/notifications/index.server";
import { reachedDepartments } from "./access.server";
import { closePulse, openPulse } from "./pulses.server";
import { respondentKeys } from "./respondent.server";

/** The reminder goes this long before the end of the closing day, once. */
export const REMINDER_BEFORE_MS = 2 * DAY_MS;
/** People read per page of the target departments. */
const PAGE = 500;

const surveyLink = (pulseId: string) => `/surveys/${pulseId}`;

/** Every active person of the pulse's target departments, a page of ids at a time. */
async function forEachAskedPage(initiativeId: string, work: (userIds: string[]) => Promise<void>) {
  const departmentIds = (await reachedDepartments([initiativeId])).get(initiativeId) ?? [];
  if (departmentIds.length === 0) return;
  let cursor: string | undefined;
  for (;;) {
    const page = await getDb().user.findMany({
      where: {
        active: true,
        departmentId: { in: departmentIds },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true },
    });
    if (page.length === 0) return;
    await work(page.map((user) => user.id));
    cursor = page[page.length - 1]!.id;
  }
}

/**
 * Sends notices in chunks to those of `userIds` who do not have this notice for this pulse
 * yet (the in-app row is the record: a second run, or a second server, sends nothing twice).
 */
async function sendOnce(
  type: "PULSE_OPENED" | "PULSE_REMINDER",
  pulseId: string,
  userIds: string[],
  params: Record<string, string>,
) {
  if (userIds.length === 0) return 0;
  const had = await getDb().notification.findMany({
    where: { userId: { in: userIds }, type, link: surveyLink(pulseId) },
    select: { userId: true },
  });
  const done = new Set(had.map((n) => n.userId));
  const fresh = userIds.filter((userId) => !done.has(userId));
  let sent = 0;
  await forEachChunk(fresh, "reminders", async (chunk) => {
    sent += await getDb().$transaction(async (tx) => {
      // A parallel run may have sent some of these since the read above.
      const since = await tx.notification.findMany({
        where: { userId: { in: chunk }, type, link: surveyLink(pulseId) },
        select: { userId: true },
      });
      const sentSince = new Set(since.map((n) => n.userId));
      const notices: Notice[] = chunk
        .filter((userId) => !sentSince.has(userId))
        .map((userId) => ({ userId, type, params, link: surveyLink(pulseId) }));
      return notify(tx, notices);
    });
  });
  return sent;
}

/**
 * Tells everyone asked that the pulse is open (in-app, and by e-mail unless they opted out).
 * Run again (the job does, for every open pulse), it tells only those not told yet: people
 * who joined a target department since, or the rest of an announcement cut off halfway.
 */
export async function announcePulse(pulseId: string) {
  const pulse = await getDb().pulse.findUnique({
    where: { id: pulseId },
    include: { initiative: { select: { name: true } } },
  });
  if (!pulse || pulse.status !== "OPEN") return 0;
  const params = {
    title: pulse.title,
    initiative: pulse.initiative.name,
    closes: isoDate(pulse.closesOn),
  };
  let sent = 0;
  await forEachAskedPage(pulse.initiativeId, async (userIds) => {
    sent += await sendOnce("PULSE_OPENED", pulse.id, userIds, params);
  });
  return sent;
}

/**
 * The one reminder, to those who have not answered (found by their respondent keys, never
 * by reading an answer). Pulse.remindedAt is claimed first, so it goes once whatever runs it.
 */
export async function remindPulse(pulseId: string, now: Date = new Date()) {
  const { count } = await getDb().pulse.updateMany({
    where: { id: pulseId, status: "OPEN", remindedAt: null },
    data: { remindedAt: now },
  });
  if (count === 0) return 0;
  const pulse = await getDb().pulse.findUniqueOrThrow({
    where: { id: pulseId },
    include: { initiative: { select: { name: true } } },
  });
  const params = {
    title: pulse.title,
    initiative: pulse.initiative.name,
    closes: isoDate(pulse.closesOn),
  };
  let sent = 0;
  await forEachAskedPage(pulse.initiativeId, async (userIds) => {
    const keys = await respondentKeys(pulse.id, userIds);
    const answered = await getDb().pulseResponse.findMany({
      where: { pulseId: pulse.id, respondentKey: { in: [...keys.keys()] } },
      select: { respondentKey: true },
    });
    const done = new Set(answered.map((row) => keys.get(row.respondentKey)));
    sent += await sendOnce(
      "PULSE_REMINDER",
      pulse.id,
      userIds.filter((userId) => !done.has(userId)),
      params,
    );
  });
  return sent;
}

/**
 * The hourly job: closes open pulses whose closing day has passed, opens drafts whose opening
 * day has come (and whose closing day has not passed), announces to anyone not told yet, and
 * sends the reminders that are due.
 */
export async function runPulseSchedule(now: Date = new Date()) {
  const db = getDb();
  const today = new Date(isoDate(now) + "T00:00:00.000Z");
  const result = { opened: 0, closed: 0, announced: 0, reminded: 0 };
  const toClose = await db.pulse.findMany({
    where: { status: "OPEN", closesOn: { lt: today } },
    select: { id: true },
  });
  for (const pulse of toClose) {
    await closePulse(null, pulse.id, now);
    result.closed += 1;
  }
  const toOpen = await db.pulse.findMany({
    where: { status: "DRAFT", opensOn: { lte: now }, closesOn: { gte: today } },
    select: { id: true },
  });
  for (const pulse of toOpen) {
    try {
      await openPulse(null, pulse.id, now);
      result.opened += 1;
    } catch (error) {
      logger.warn({ err: error, pulseId: pulse.id }, "pulse could not open on schedule");
    }
  }
  const open = await db.pulse.findMany({
    where: { status: "OPEN" },
    select: { id: true, closesOn: true, remindedAt: true },
  });
  for (const pulse of open) {
    result.announced += await announcePulse(pulse.id);
    const endsAt = pulse.closesOn.getTime() + DAY_MS;
    if (!pulse.remindedAt && endsAt - REMINDER_BEFORE_MS <= now.getTime()) {
      result.reminded += await remindPulse(pulse.id, now);
    }
  }
  return result;
}
