import { describe, expect, it } from "vitest";
import { sameOriginOnly } from "../../scripts/same-origin.mjs";

function run(method: string, headers: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  let status = 0;
  let passed = false;
  const req = { method, get: (name: string) => lower[name.toLowerCase()] };
  const res = {
    status(code: number) {
      status = code;
      return this;
    },
    type() {
      return this;
    },
    send() {
      return this;
    },
  };
  sameOriginOnly(req, res, () => {
    passed = true;
  });
  return passed ? "next" : status;
}

describe("same-origin check for writes", () => {
  const host = { Host: "uptake.example:3000" };
  it("lets reads through whatever their origin", () => {
    expect(run("GET", { ...host, Origin: "https://evil.test" })).toBe("next");
  });
  it("refuses a POST whose Origin is another host", () => {
    expect(run("POST", { ...host, Origin: "https://evil.test" })).toBe(403);
    expect(run("POST", { ...host, Origin: "http://uptake.example:3001" })).toBe(403);
    expect(run("DELETE", { ...host, Referer: "https://evil.test/page" })).toBe(403);
    expect(run("POST", { ...host, "Sec-Fetch-Site": "cross-site" })).toBe(403);
    expect(run("POST", { ...host, Origin: "null" })).toBe(403);
  });
  it("accepts a POST from its own origin", () => {
    expect(run("POST", { ...host, Origin: "http://uptake.example:3000" })).toBe("next");
    expect(run("POST", { ...host, Referer: "http://uptake.example:3000/login" })).toBe("next");
  });
});
