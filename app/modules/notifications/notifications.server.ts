import { getDb } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { readJsonColumn } from "~/lib/json-column.server";
import { paginate } from "~/lib/pagination.server";
import { NOTIFICATION_EVENTS, noticeParamsSchema, type EmailPreferencesInput } from "./events";

export const NOTIFICATION_PAGE_SIZE = 20;

export async function unreadCount(userId: string): Promise<number> {
  return getDb().notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(userId: string, pageNumber: number) {
  const db = getDb();
  const page = paginate(pageNumber, NOTIFICATION_PAGE_SIZE);
  const where = { userId };
  const [total, unread, rows] = await Promise.all([
    db.notification.count({ where }),
    db.notification.count({ where: { userId, readAt: null } }),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return {
    ...page.summary(total),
    unread,
    notifications: rows.map((row) => ({
      id: row.id,
      type: row.type,
      params: readJsonColumn("Notification.params", noticeParamsSchema, row.params),
      link: row.link,
      read: row.readAt !== null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/** Marks one of the reader's notifications read and returns where it leads. */
export async function markRead(userId: string, id: string, now = new Date()) {
  const db = getDb();
  const row = await db.notification.findFirst({ where: { id, userId }, select: { link: true } });
  if (!row) throw new NotFoundError();
  await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return row.link;
}

export async function markAllRead(userId: string, now = new Date()) {
  const { count } = await getDb().notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}

/** Which events send e-mail (true) for this person. */
export async function getEmailPreferences(userId: string): Promise<EmailPreferencesInput> {
  const optOuts = await getDb().emailOptOut.findMany({ where: { userId } });
  const off = new Set(optOuts.map((o) => o.eventType));
  return Object.fromEntries(
    NOTIFICATION_EVENTS.map((event) => [event, !off.has(event)]),
  ) as EmailPreferencesInput;
}

export async function setEmailPreferences(userId: string, input: EmailPreferencesInput) {
  const off = NOTIFICATION_EVENTS.filter((event) => !input[event]);
  await getDb().$transaction([
    getDb().emailOptOut.deleteMany({ where: { userId } }),
    getDb().emailOptOut.createMany({ data: off.map((eventType) => ({ userId, eventType })) }),
  ]);
}
