// Overdue risk reviews told to their owners (issue 17 item 5): one notice per review date.
// The notice and the mark (reviewNoticeFor = nextReviewOn) are written in one transaction, so
// a second run, or a run cut off halfway, never tells an owner twice about the same date.
import { getDb } from "~/lib/db.server";
import { notify, type Notice } from "~/modules/notifications/index.server";

const BATCH = 200;

export async function notifyOverdueRiskReviews(now = new Date()) {
  const db = getDb();
  // Overdue once the review day has passed (whole UTC days, as reviewOverdue counts).
  const startOfToday = new Date(now.toISOString().slice(0, 10) + "T00:00:00.000Z");
  let sent = 0;
  let cursor: string | undefined;
  for (;;) {
    const due = await db.risk.findMany({
      where: {
        status: { not: "CLOSED" },
        ownerId: { not: null },
        nextReviewOn: { lt: startOfToday },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: {
        id: true,
        title: true,
        ownerId: true,
        initiativeId: true,
        nextReviewOn: true,
        reviewNoticeFor: true,
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (due.length === 0) break;
    cursor = due[due.length - 1]!.id;
    const fresh = due.filter(
      (risk) => risk.reviewNoticeFor?.getTime() !== risk.nextReviewOn!.getTime(),
    );
    if (fresh.length === 0) continue;
    const initiatives = await db.initiative.findMany({
      where: { id: { in: [...new Set(fresh.map((risk) => risk.initiativeId))] } },
      select: { id: true, name: true },
    });
    const names = new Map(initiatives.map((i) => [i.id, i.name]));
    sent += await db.$transaction(async (tx) => {
      let told = 0;
      for (const risk of fresh) {
        // Claimed by its date: a concurrent run (or an edit moving the date) wins cleanly.
        const { count } = await tx.risk.updateMany({
          where: {
            id: risk.id,
            nextReviewOn: risk.nextReviewOn,
            reviewNoticeFor: risk.reviewNoticeFor,
          },
          data: { reviewNoticeFor: risk.nextReviewOn },
        });
        if (count === 0) continue;
        const notice: Notice = {
          userId: risk.ownerId!,
          type: "RISK_REVIEW_DUE",
          params: {
            title: risk.title,
            initiative: names.get(risk.initiativeId) ?? "",
            due: risk.nextReviewOn!.toISOString().slice(0, 10),
          },
          link: `/initiatives/${risk.initiativeId}/risks/${risk.id}`,
        };
        told += await notify(tx, [notice]);
      }
      return told;
    });
  }
  return { sent };
}
