import { createElement } from "react";
import { describe, expect, it } from "vitest";

import {
  AnswerPage,
  DEFAULT_STATEMENT_KEYS,
  HomeInitiatives,
  PulseListPage,
  type AnswerPageData,
  type PulseListPageData,
} from "~/modules/initiatives";
import { renderPage, textOf } from "../support/render";

// The pulse pages as the server renders them (decision 039): default statements in the
// reader's language, HR's own text as typed, 1–5 radio groups, locked statements, Home's card.

const answerData = (open = true): AnswerPageData => ({
  pulse: {
    id: "p1",
    title: "Rollout pulse",
    initiativeName: "Customer satisfaction",
    status: open ? "OPEN" : "CLOSED",
    closesOn: "2026-12-20T00:00:00.000Z",
    statements: { ...DEFAULT_STATEMENT_KEYS, desire: "I want the new CRM." },
  },
  open,
  answer: null,
});

describe("the answer page", () => {
  it("shows five labelled 1–5 radio groups, defaults in the reader's language", async () => {
    const html = await renderPage(
      createElement(AnswerPage, { data: answerData(), actionData: undefined }),
    );
    expect((html.match(/<fieldset/g) ?? []).length).toBe(5);
    expect((html.match(/type="radio"/g) ?? []).length).toBe(25);
    expect((html.match(/name="awareness"/g) ?? []).length).toBe(5);
    const text = textOf(html);
    expect(text).toContain("I understand why our customer-facing processes are changing.");
    expect(text).toContain("I want the new CRM.");
    expect(text).toContain("5 — strongly agree");
    const zh = textOf(
      await renderPage(
        createElement(AnswerPage, { data: answerData(), actionData: undefined }),
        "zh",
      ),
    );
    expect(zh).toContain("我理解我们面向客户的流程为什么要改变。");
    expect(zh).toContain("I want the new CRM.");
  });

  it("says the pulse closed instead of the form", async () => {
    const html = await renderPage(
      createElement(AnswerPage, { data: answerData(false), actionData: undefined }),
    );
    expect(html).not.toContain('type="radio"');
    expect(textOf(html)).toContain("This pulse survey is closed");
  });
});

const listData = (responses: number): PulseListPageData => {
  const pulse = {
    id: "p1",
    title: "Rollout pulse",
    phaseId: "ph1",
    status: "OPEN" as const,
    opensOn: "2026-12-01T00:00:00.000Z",
    closesOn: "2026-12-20T00:00:00.000Z",
    statements: DEFAULT_STATEMENT_KEYS,
    responses,
    rate: responses / 20,
  };
  return {
    viewer: { id: "hr", role: "HR", scopeDepartmentIds: [] },
    initiative: { id: "i1", name: "Customer satisfaction" },
    pulses: [pulse],
    phases: [{ id: "ph1", name: "initiatives.phases.template.rollout" }],
    asked: 20,
    editing: pulse,
    canManage: true,
    createKey: "key-12345678",
    total: 1,
    page: 1,
    pageCount: 1,
  };
};

describe("the pulse list", () => {
  it("shows counts and rate, the phase, and locks the statements once answered", async () => {
    const answered = textOf(
      await renderPage(createElement(PulseListPage, { data: listData(5), actionData: undefined })),
    );
    expect(answered).toContain("5 answers (25 %)");
    expect(answered).toContain("Rollout and training");
    expect(answered).toContain("The statements are locked");
    const fresh = textOf(
      await renderPage(createElement(PulseListPage, { data: listData(0), actionData: undefined })),
    );
    expect(fresh).not.toContain("The statements are locked");
    expect(fresh).toContain("Close now");
  });
});

describe("Home's change initiatives", () => {
  it("links the open pulse with its answered state", async () => {
    const html = await renderPage(
      createElement(HomeInitiatives, {
        items: [
          {
            id: "i1",
            name: "Customer satisfaction",
            phase: "initiatives.phases.template.rollout",
            pulse: { id: "p1", title: "Rollout pulse", closesOn: "2026-12-20", answered: false },
          },
          {
            id: "i2",
            name: "New CRM",
            phase: null,
            pulse: { id: "p2", title: "CRM pulse", closesOn: "2026-12-21", answered: true },
          },
        ],
      }),
    );
    expect(html).toContain('href="/surveys/p1"');
    const text = textOf(html);
    expect(text).toContain("Change initiatives");
    expect(text).toContain("Current phase: Rollout and training");
    expect(text).toMatch(/please answer by .*2026/);
    expect(text).toMatch(/answered — you can change your answer until .*2026/);
  });
});
