import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import zh from "~/locales/zh.json";
import { auditActionKey } from "~/modules/audit";

// Every audit action the code writes as a literal has a label in both languages, so the
// audit log never shows a raw "kpi.actual.set" to HR.

describe("audit action labels", () => {
  it("names every literal audit action in English and Chinese", () => {
    const actions = execFileSync(
      "grep",
      ["-rhoE", String.raw`action: "[a-z_]+(\.[a-zA-Z_]+)+"`, "app"],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice('action: "'.length, -1));
    expect(actions.length).toBeGreaterThan(50);
    const keys = [...new Set(actions.map(auditActionKey))];
    expect(keys.filter((key) => !(key in en.audit.actions))).toEqual([]);
    expect(keys.filter((key) => !(key in zh.audit.actions))).toEqual([]);
  });
});
