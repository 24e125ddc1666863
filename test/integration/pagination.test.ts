import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { MAX_PAGE, pageField } from "~/lib/fields";
import { paginate } from "~/lib/pagination.server";
import { auditQuerySchema } from "~/modules/audit";
import { notificationListSchema } from "~/modules/notifications";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/modules/notifications/index.server";
import { userListQuerySchema } from "~/modules/org";

// One page-number field and one pagination helper for every list (decision 018).

const query = z.object({ page: pageField });
const pageOf = (page?: unknown) => query.parse(page === undefined ? {} : { page }).page;

describe("the page-number field", () => {
  it("reads a page number from the URL", () => {
    expect(pageOf("1")).toBe(1);
    expect(pageOf("7")).toBe(7);
    expect(pageOf("1e2")).toBe(100);
  });

  it("makes a missing or garbage page page 1, never an error", () => {
    for (const value of [undefined, "", "abc", "2.5", "NaN", "Infinity", "0x", "1;drop"]) {
      expect(pageOf(value), String(value)).toBe(1);
    }
  });

  it("clamps zero and negative pages to 1, and huge ones to the last page any list has", () => {
    expect(pageOf("0")).toBe(1);
    expect(pageOf("-3")).toBe(1);
    expect(pageOf(String(MAX_PAGE + 1))).toBe(MAX_PAGE);
    // Past the safe integers a number is no page number at all: garbage, page 1.
    expect(pageOf("99999999999999999999")).toBe(1);
  });

  it("is the field every list query of these pages uses", () => {
    for (const schema of [userListQuerySchema, auditQuerySchema, notificationListSchema]) {
      expect(schema.parse({ page: "-1" }).page).toBe(1);
      expect(schema.parse({ page: "3" }).page).toBe(3);
      expect(schema.shape.page).toBe(pageField);
    }
  });
});

describe("paginate", () => {
  it("turns a page into skip and take", () => {
    expect(paginate(1, 20)).toMatchObject({ skip: 0, take: 20 });
    expect(paginate(3, 25)).toMatchObject({ skip: 50, take: 25 });
  });

  it("counts the pages, one at least", () => {
    expect(paginate(1, 20).summary(0)).toEqual({ total: 0, page: 1, pageCount: 1 });
    expect(paginate(1, 20).summary(20)).toEqual({ total: 20, page: 1, pageCount: 1 });
    expect(paginate(2, 20).summary(21)).toEqual({ total: 21, page: 2, pageCount: 2 });
  });

  it("reads no rows beyond the last page, and still says how many pages there are", async () => {
    const before = await getDb().outboxEmail.count();
    await getDb().outboxEmail.createMany({
      data: Array.from({ length: OUTBOX_PAGE_SIZE + 3 }, (_, i) => ({
        toAddress: `paging-${i}@example.test`,
        subject: `Paging ${i}`,
        body: "Body",
        eventType: "REMINDER",
        language: "en",
      })),
    });
    const total = before + OUTBOX_PAGE_SIZE + 3;
    const pageCount = Math.ceil(total / OUTBOX_PAGE_SIZE);
    const last = await listOutbox({ page: pageCount });
    expect(last).toMatchObject({ total, page: pageCount, pageCount });
    expect(last.messages).toHaveLength(total - (pageCount - 1) * OUTBOX_PAGE_SIZE);
    const beyond = await listOutbox({ page: pageCount + 1 });
    expect(beyond).toMatchObject({ total, page: pageCount + 1, pageCount, messages: [] });
    expect(paginate(pageCount + 1, OUTBOX_PAGE_SIZE).skip).toBeGreaterThanOrEqual(total);
  });
});
