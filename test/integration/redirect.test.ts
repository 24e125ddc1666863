import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/lib/http.server";
import { action as languageAction } from "~/routes/auth/language";
import { action as loginAction } from "~/routes/auth/login";
import { makeUser, request, TEST_PASSWORD } from "../support/factories";

// The whole class of "leaves the site after normalisation": a dot segment (plain or
// percent-encoded, any case) or nothing, then two separators a browser reads as "//".
const DOT_PREFIXES = [
  "",
  "/.",
  "/..",
  "/a/..",
  "/a/b/../..",
  "/%2e",
  "/%2e%2e",
  "/%2E%2E",
  "/.%2e",
  "/%2e.",
  "/a/%2e%2e",
  "/./.",
  "/../..",
];
const DOUBLE_SEPARATORS = ["//", "/\\", "\\/", "\\\\", "/\t/", "/\n/", "/\r/", "\t//", "/\t\\"];
const HOSTS = ["evil.example", "evil.example/x?y#z", "evil.example:443/"];

const hostileTargets = [
  ...DOT_PREFIXES.flatMap((prefix) =>
    DOUBLE_SEPARATORS.flatMap((sep) => HOSTS.map((host) => `${prefix}${sep}${host}`)),
  ),
  "https://evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "/\\/evil.example",
  "evil.example",
  "",
];

/** What a browser would make of the Location header: it must stay on our origin. */
function expectSameSite(location: string | null) {
  expect(location).toBeTruthy();
  const value = location ?? "";
  expect(value.startsWith("/")).toBe(true);
  expect(value).not.toMatch(/^[/\\][/\\]/);
  expect(value).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
  expect(new URL(value, "https://uptake.example").origin).toBe("https://uptake.example");
}

describe("redirect after sign-in", () => {
  it.each(hostileTargets)("never leaves the site for %j", (target) => {
    const result = safeRedirectPath(target);
    expectSameSite(result);
    // Nothing hostile is kept: the fallback, or a path that is plainly ours.
    expect(result).not.toContain("evil.example");
  });

  it("keeps local paths with their query and fragment", () => {
    expect(safeRedirectPath("/admin/users?q=x#top")).toBe("/admin/users?q=x#top");
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeRedirectPath("/courses/../admin")).toBe("/admin");
    expect(safeRedirectPath("/reports?next=//evil.example")).toBe("/reports?next=//evil.example");
  });
});

describe("routes that redirect to a requested path", () => {
  // A sample of the class through the real actions (each sign-in hashes a password).
  const sample = hostileTargets.filter((_, i) => i % 9 === 0).concat("/..//evil.example");

  it("/login's Location never leaves the site", async () => {
    const user = await makeUser();
    for (const redirectTo of sample) {
      const response = (await loginAction({
        request: request("/login", {
          form: { email: user.email, password: TEST_PASSWORD, redirectTo },
        }),
        params: {},
        context: { clientAddress: "10.77.0.1" },
      })) as Response;
      expect(response.status).toBe(302);
      expectSameSite(response.headers.get("Location"));
    }
  });

  it("/language's Location never leaves the site", async () => {
    for (const redirectTo of hostileTargets) {
      const response = (await languageAction({
        request: request("/language", { form: { language: "zh", redirectTo } }),
        params: {},
        context: {},
      })) as Response;
      expect(response.status).toBe(302);
      expectSameSite(response.headers.get("Location"));
    }
  });
});
