import type { TFunction } from "i18next";
import { insertRows } from "~/lib/bulk-insert.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/lib/i18n";
import { getFixedT } from "~/lib/i18n.server";
import { localiseParams, type NoticeParams, type NotificationEvent } from "./events";

export interface Notice {
  userId: string;
  type: NotificationEvent;
  params: NoticeParams;
  /** Where the notification leads, a path inside the app. */
  link: string;
}

const CHUNK = 500;

/**
 * Notices sent by e-mail only: an invitation is read before its person can sign in, and an
 * in-app copy would still say "set your password" afterwards.
 */
const EMAIL_ONLY = new Set<NotificationEvent>(["INVITATION"]);

function appOrigin(): string {
  const env = getEnv();
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
}

/** The e-mail for one notice in the recipient's language (`t`: that language's, when at hand). */
export async function renderEmail(
  language: Language,
  name: string,
  notice: Notice,
  translator?: TFunction,
) {
  const t = translator ?? (await getFixedT(language));
  const key = `notifications.events.${notice.type}`;
  const params = localiseParams((k) => t(k), notice.params);
  const title = t(`${key}.title`, params);
  const lines = [
    t("notifications.email.greeting", { name }),
    "",
    t(`${key}.body`, params),
    "",
    `${appOrigin()}${notice.link}`,
    "",
    "—",
    t("notifications.email.footer", { settings: `${appOrigin()}/settings` }),
  ];
  return { subject: `[Uptake] ${title}`, body: lines.join("\n") };
}

/**
 * Writes in-app notifications and queues their e-mails in the caller's transaction, so an
 * event and its messages are stored together (the outbox is delivered afterwards).
 * Inactive people get nothing; an e-mail opt-out only skips the e-mail.
 */
export async function notify(tx: DbTx, notices: readonly Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const userIds = [...new Set(notices.map((n) => n.userId))];
  const [users, optOuts] = await Promise.all([
    tx.user.findMany({
      where: { id: { in: userIds }, active: true },
      select: { id: true, email: true, name: true, preferredLanguage: true },
    }),
    tx.emailOptOut.findMany({ where: { userId: { in: userIds } } }),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const optedOut = new Set(optOuts.map((o) => `${o.userId}:${o.eventType}`));
  const delivered = notices.filter((n) => byId.has(n.userId));
  // One translator per language for the whole batch (an import invites thousands at once).
  const translators = new Map<Language, Promise<TFunction>>();
  const translatorFor = (language: Language) => {
    if (!translators.has(language)) translators.set(language, getFixedT(language));
    return translators.get(language)!;
  };
  const queuedAt = new Date();
  for (let i = 0; i < delivered.length; i += CHUNK) {
    const chunk = delivered.slice(i, i + CHUNK);
    await tx.notification.createMany({
      data: chunk
        .filter((n) => !EMAIL_ONLY.has(n.type))
        .map((n) => ({
          userId: n.userId,
          type: n.type,
          params: n.params,
          link: n.link,
        })),
    });
    const emails = [];
    for (const notice of chunk) {
      if (optedOut.has(`${notice.userId}:${notice.type}`)) continue;
      const user = byId.get(notice.userId)!;
      const language = isLanguage(user.preferredLanguage)
        ? user.preferredLanguage
        : DEFAULT_LANGUAGE;
      const t = await translatorFor(language);
      const { subject, body } = await renderEmail(language, user.name, notice, t);
      emails.push({
        userId: user.id,
        toAddress: user.email,
        language,
        eventType: notice.type,
        subject,
        body,
        createdAt: queuedAt,
      });
    }
    // Raw inserts: an import queues 20,000 invitations in its transaction (lib/bulk-insert).
    await insertRows(tx, "OutboxEmail", emails);
  }
  return delivered.length;
}

/** The same in its own transaction. */
export async function notifyNow(notices: readonly Notice[]) {
  return getDb().$transaction((tx) => notify(tx, notices));
}
