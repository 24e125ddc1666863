import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { createRiskSchema, updateRiskSchema } from "~/modules/risks";
import { createRisk, notifyOverdueRiskReviews, updateRisk } from "~/modules/risks/index.server";
import { makeDepartment, makeUser } from "../support/factories";
import { makeInitiative } from "../support/readiness";

// Overdue risk reviews (issue 17 item 5): the owner is told once per review date, again
// once a moved date passes too; closed risks never.

const fields = (extra: Record<string, string>) => ({
  title: "Backups untested",
  category: "DATA_LOSS",
  likelihood: "2",
  impact: "5",
  ...extra,
});

describe("overdue risk reviews", () => {
  it("tells the owner once per review date, and never about closed risks", async () => {
    const service = await makeDepartment();
    const initiative = await makeInitiative([{ departmentId: service.id }]);
    const hrUser = await makeUser({ role: "HR" });
    const hr: Principal = { id: hrUser.id, role: "HR", scopeDepartmentIds: [] };
    const owner = await makeUser({ role: "MANAGER", manages: [service.id] });
    const risk = await createRisk(
      hr,
      initiative.id,
      createRiskSchema.parse(fields({ ownerId: owner.id, nextReviewOn: "2026-06-10" })),
    );
    await createRisk(
      hr,
      initiative.id,
      createRiskSchema.parse(
        fields({ ownerId: owner.id, nextReviewOn: "2026-06-01", status: "CLOSED" }),
      ),
    );
    const notices = () =>
      getDb().notification.count({ where: { userId: owner.id, type: "RISK_REVIEW_DUE" } });

    // Due on the 10th: not overdue on the 10th itself.
    await notifyOverdueRiskReviews(new Date("2026-06-10T20:00:00Z"));
    expect(await notices()).toBe(0);
    await notifyOverdueRiskReviews(new Date("2026-06-11T08:00:00Z"));
    await notifyOverdueRiskReviews(new Date("2026-06-12T08:00:00Z"));
    expect(await notices()).toBe(1);
    const stored = await getDb().risk.findUniqueOrThrow({ where: { id: risk.id } });
    expect(stored.reviewNoticeFor?.toISOString()).toBe("2026-06-10T00:00:00.000Z");

    // The date moves to the 20th: nothing before it passes, one more notice after.
    await updateRisk(
      hr,
      risk.id,
      updateRiskSchema.parse({
        ...fields({ ownerId: owner.id, nextReviewOn: "2026-06-20" }),
        revision: "0",
      }),
    );
    await notifyOverdueRiskReviews(new Date("2026-06-15T08:00:00Z"));
    expect(await notices()).toBe(1);
    await notifyOverdueRiskReviews(new Date("2026-06-21T08:00:00Z"));
    await notifyOverdueRiskReviews(new Date("2026-06-22T08:00:00Z"));
    expect(await notices()).toBe(2);
    const notice = await getDb().notification.findFirstOrThrow({
      where: { userId: owner.id, type: "RISK_REVIEW_DUE" },
      orderBy: { createdAt: "desc" },
    });
    expect(notice.link).toBe(`/initiatives/${initiative.id}/risks/${risk.id}`);
    expect(notice.params).toMatchObject({ title: "Backups untested", due: "2026-06-20" });
  });
});
