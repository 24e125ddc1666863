import { getDb, isUniqueViolation, Prisma, type DbTx, type ReminderEvent } from "~/lib/db.server";
import { forEachChunk } from "~/lib/chunks.server";
import { DAY_MS, isoDate } from "~/lib/dates";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { assertCan, can, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { notify, type Notice } from "~/modules/notifications/index.server";
import {
  CERT_EXPIRY_NOTICE,
  DUE_SOON_NOTICE,
  isOpenStatus,
  OPEN_STATUSES,
} from "./enrolment-status";
import { conditionWhere, enrolmentStatusWhere } from "./enrolment-status.server";
import { certificatesOf, raiseCertificateEvents } from "./enrolment-events.server";

// Reminders about enrolments. Each notice first claims its ReminderLog row (enrolment,
// event, period); the primary key makes a second run, or a second server, send nothing.

/** New assignments older than this at the first run are not announced any more. */
const ASSIGNED_NOTICE_WINDOW_DAYS = 14;
/** Candidates read per page: a read, cheap beside the writes, which go in smaller chunks. */
const PAGE = 500;

interface Candidate {
  id: string;
  userId: string;
  courseId: string;
  dueAt: Date | null;
  expiresAt: Date | null;
  course: { title: string };
}

const candidateSelect = {
  id: true,
  userId: true,
  courseId: true,
  dueAt: true,
  expiresAt: true,
  course: { select: { title: true } },
} as const;

interface Planned {
  enrolment: Candidate;
  event: ReminderEvent;
  period: string;
  params: Record<string, string | number>;
}

function noticeFor(plan: Planned): Notice {
  return {
    userId: plan.enrolment.userId,
    type: plan.event,
    params: plan.params,
    link: plan.event === "CERT_EXPIRING" ? "/certificates" : `/learn/${plan.enrolment.courseId}`,
  };
}

/**
 * Claims and sends what is not yet logged, one short transaction per chunk (decision 027):
 * a run cut off halfway keeps what it sent, and the next run sends only the rest.
 * Returns how many notices went out.
 */
async function sendPlanned(
  plans: Planned[],
  sentById: string | null = null,
  alsoInTransaction?: (tx: DbTx, fresh: Planned[]) => Promise<void>,
): Promise<number> {
  let sent = 0;
  await forEachChunk(plans, "reminders", async (chunk) => {
    try {
      sent += await getDb().$transaction(async (tx) => {
        const logged = await tx.reminderLog.findMany({
          where: { enrolmentId: { in: chunk.map((p) => p.enrolment.id) } },
          select: { enrolmentId: true, event: true, period: true },
        });
        const done = new Set(logged.map((l) => `${l.enrolmentId}|${l.event}|${l.period}`));
        const fresh = chunk.filter((p) => !done.has(`${p.enrolment.id}|${p.event}|${p.period}`));
        if (fresh.length === 0) return 0;
        await tx.reminderLog.createMany({
          data: fresh.map((p) => ({
            enrolmentId: p.enrolment.id,
            event: p.event,
            period: p.period,
            sentById,
          })),
        });
        await alsoInTransaction?.(tx, fresh);
        return notify(tx, fresh.map(noticeFor));
      });
    } catch (error) {
      // Another run claimed some of these first; it sends them, this chunk is skipped.
      if (!isUniqueViolation(error)) throw error;
    }
  });
  return sent;
}

/** The due date, or the translated "no due date" in the reader's language. */
const dueParam = (dueAt: Date | null): Record<string, string> =>
  dueAt ? { due: isoDate(dueAt) } : { dueKey: "notifications.noDueDate" };

/** Current enrolments of people still here (a renewed completion has its renewal). */
const current = { renewedAt: null, user: { active: true } } as const;

/**
 * The periodic reminders: assigned, due in three days, overdue (on the day, then weekly),
 * certificate expiring within 30 days. Idempotent per enrolment, event and period.
 */
export async function sendScheduledReminders(now = new Date()) {
  const db = getDb();
  const counts: Record<string, number> = {};
  const run = async (
    event: ReminderEvent,
    where: Prisma.EnrolmentWhereInput,
    plan: (e: Candidate) => Omit<Planned, "enrolment" | "event">,
    alsoInTransaction?: (tx: DbTx, fresh: Planned[]) => Promise<void>,
  ) => {
    let cursor: string | undefined;
    counts[event] = 0;
    for (;;) {
      const page: Candidate[] = await db.enrolment.findMany({
        where: cursor ? { AND: [where, { id: { gt: cursor } }] } : where,
        orderBy: { id: "asc" },
        take: PAGE,
        select: candidateSelect,
      });
      if (page.length === 0) break;
      counts[event] += await sendPlanned(
        page.map((e) => ({ enrolment: e, event, ...plan(e) })),
        null,
        alsoInTransaction,
      );
      cursor = page[page.length - 1]!.id;
    }
  };

  await run(
    "ASSIGNED",
    {
      ...current,
      status: { in: [...OPEN_STATUSES] },
      // Self-enrolments were chosen, not assigned.
      selfEnrolled: false,
      assignedAt: { gte: new Date(now.getTime() - ASSIGNED_NOTICE_WINDOW_DAYS * DAY_MS) },
    },
    (e) => ({
      period: "",
      params: { course: e.course.title, ...dueParam(e.dueAt) },
    }),
  );
  await run("DUE_SOON", { ...current, ...conditionWhere(DUE_SOON_NOTICE, now) }, (e) => ({
    // A changed due date is a new deadline, worth its own notice.
    period: isoDate(e.dueAt!),
    params: { course: e.course.title, due: isoDate(e.dueAt!) },
  }));
  await run("OVERDUE", { ...current, ...enrolmentStatusWhere("OVERDUE", now) }, (e) => {
    const weeks = Math.floor((now.getTime() - e.dueAt!.getTime()) / (7 * DAY_MS));
    return {
      period: `${isoDate(e.dueAt!)}+${weeks}w`,
      params: { course: e.course.title, due: isoDate(e.dueAt!) },
    };
  });
  await run(
    "CERT_EXPIRING",
    // Renewed or not: the recertification job renews 30 days ahead, the notice still goes.
    { user: { active: true }, ...conditionWhere(CERT_EXPIRY_NOTICE, now) },
    (e) => ({
      period: isoDate(e.expiresAt!),
      params: { course: e.course.title, expires: isoDate(e.expiresAt!) },
    }),
    // The notice's log row makes certificate.expiring once per certificate and expiry date.
    async (tx, fresh) =>
      raiseCertificateEvents(
        tx,
        "certificate.expiring",
        await certificatesOf(
          tx,
          fresh.map((p) => p.enrolment.id),
        ),
        now,
      ),
  );
  return counts;
}

const reminderTargets = (ids: string[]) =>
  getDb().enrolment.findMany({
    where: { id: { in: ids } },
    select: {
      ...candidateSelect,
      departmentId: true,
      status: true,
      user: { select: { active: true } },
    },
  });

/**
 * "Send reminder" from the overdue list: one notice per open enrolment per day (a double
 * click or a second HR person sends nothing twice). Refused as a whole when any enrolment
 * is outside the sender's reach.
 */
export async function sendManualReminders(
  actor: Principal & { name: string },
  enrolmentIds: readonly string[],
  now = new Date(),
) {
  if (!can(actor, "create", "Reminder")) throw new ForbiddenError();
  const ids = [...new Set(enrolmentIds)];
  const enrolments: Awaited<ReturnType<typeof reminderTargets>> = [];
  // A lookup of many ids is costly to compile and read: in chunks, yielding between them.
  await forEachChunk(ids, "lookups", async (chunk) => {
    enrolments.push(...(await reminderTargets(chunk)));
  });
  if (enrolments.length !== ids.length) throw new NotFoundError();
  for (const e of enrolments) {
    assertCan(actor, "create", { type: "Reminder", departmentId: e.departmentId });
  }
  // Only open enrolments of people still here get a reminder.
  const open = enrolments.filter((e) => isOpenStatus(e.status) && e.user.active);
  const day = isoDate(now);
  const sent = await sendPlanned(
    open.map((e) => ({
      enrolment: e,
      event: "REMINDER" as const,
      period: day,
      params: {
        course: e.course.title,
        ...dueParam(e.dueAt),
        sender: actor.name,
      },
    })),
    actor.id,
    async (tx, fresh) => {
      for (const plan of fresh) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: "reminder.send",
          subjectType: "Enrolment",
          subjectId: plan.enrolment.id,
          after: { course: plan.enrolment.course.title, day },
        });
      }
    },
  );
  return { sent, skipped: enrolments.length - sent };
}
