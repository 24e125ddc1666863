import { createElement } from "react";
import { describe, expect, it } from "vitest";

import {
  CataloguePage,
  RedemptionQueuePage,
  type CataloguePageData,
  type QueueRow,
} from "~/modules/incentives";
import { renderPage, textOf } from "../support/render";

// The catalogue and queue pages as the server renders them (decision 034): why a reward
// cannot be requested, the image at its fixed size with its alt text, and decision forms
// only where a decision can be made.

const viewer = { id: "me", role: "HR" as const, scopeDepartmentIds: [] };

const catalogue = (balance: number): CataloguePageData => ({
  viewer,
  balance,
  rewards: [
    {
      id: "gone",
      name: "Lunch",
      description: "",
      imageUrl: "https://img.test/l.png",
      cost: 100,
      stock: 0,
    },
    { id: "dear", name: "Mug", description: "Blue\nceramic", imageUrl: "", cost: 500, stock: null },
    { id: "fine", name: "Pen", description: "", imageUrl: "", cost: 50, stock: 3 },
  ],
  pending: [],
  recent: [],
  requestKey: "key-0000-0000",
  canManage: false,
  canRequest: true,
  total: 3,
  page: 1,
  pageCount: 1,
});

function cardOf(html: string, rewardId: string) {
  const start = html.indexOf(`data-reward="${rewardId}"`);
  const next = html.indexOf('data-testid="reward-card"', start + 1);
  return html.slice(start, next === -1 ? undefined : next);
}

describe("the catalogue page", () => {
  it("disables Request with the reason: out of stock, or the points missing", async () => {
    const html = await renderPage(
      createElement(CataloguePage, { data: catalogue(150), actionData: undefined }),
    );
    const gone = cardOf(html, "gone");
    const dear = cardOf(html, "dear");
    const fine = cardOf(html, "fine");
    expect(gone).toMatch(/<button[^>]*disabled/);
    expect(textOf(gone)).toContain("Out of stock: none left to request.");
    expect(dear).toMatch(/<button[^>]*disabled/);
    expect(textOf(dear)).toContain("You need 350 more points.");
    expect(textOf(dear)).toContain("Unlimited");
    expect(fine).not.toMatch(/<button[^>]*disabled/);
    expect(textOf(fine)).toContain("3 left");
    expect(fine).toContain('name="requestKey" value="key-0000-0000"');
    expect(textOf(html)).toContain("Your balance: 150 points");
    expect(gone).toMatch(/<img[^>]*alt="Lunch"/);
    expect(gone).toMatch(/<img[^>]*width="96"[^>]*height="96"|<img[^>]*height="96"[^>]*width="96"/);
    expect(gone).toMatch(/<img[^>]*src="https:\/\/img.test\/l.png"/);
  });
});

describe("the redemption queue page", () => {
  const row = (id: string, status: string, own = false): QueueRow => ({
    id,
    cost: 100,
    status,
    note: "",
    reason: status === "REJECTED" ? "No budget" : "",
    createdAt: new Date("2026-11-30T10:00:00Z"),
    decidedAt: status === "PENDING" ? null : new Date("2026-11-30T12:00:00Z"),
    requester: own ? "Me" : "Ann",
    department: "Sales",
    decidedBy: status === "PENDING" ? "" : "Bob",
    own,
    reward: { id: "w", name: "Lunch", stock: 2 },
  });

  it("offers Decide on others' pending rows only, and the approve and reject forms in the panel", async () => {
    const rows = [row("p1", "PENDING"), row("p2", "PENDING", true), row("d1", "REJECTED")];
    const html = await renderPage(
      createElement(RedemptionQueuePage, {
        data: {
          viewer,
          rows,
          deciding: rows[0]!,
          pendingCount: 2,
          total: 3,
          page: 1,
          pageCount: 1,
        },
        actionData: undefined,
      }),
      "en",
      "/?decide=p1",
    );
    expect(html.match(/decide=p1/g)?.length).toBeGreaterThan(0);
    expect(html).not.toContain("decide=p2");
    expect(textOf(html)).toContain("Your own request");
    expect(textOf(html)).toContain("No budget");
    expect(html).toContain('data-testid="approve-form"');
    expect(html).toContain('data-testid="reject-form"');
    expect(textOf(html)).toContain("2 pending");
  });

  it("shows no decision forms for the viewer's own request", async () => {
    const own = row("p2", "PENDING", true);
    const html = await renderPage(
      createElement(RedemptionQueuePage, {
        data: {
          viewer,
          rows: [own],
          deciding: own,
          pendingCount: 1,
          total: 1,
          page: 1,
          pageCount: 1,
        },
        actionData: undefined,
      }),
    );
    expect(html).not.toContain('data-testid="approve-form"');
    expect(textOf(html)).toContain("You cannot decide your own request");
  });
});
