import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/lib/http.server";

describe("redirect after sign-in", () => {
  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });

  it("keeps local paths with their query and fragment", () => {
    expect(safeRedirectPath("/admin/users?q=x#top")).toBe("/admin/users?q=x#top");
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
  });
});
