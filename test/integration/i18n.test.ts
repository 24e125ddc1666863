import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import zh from "~/locales/zh.json";
import { getFixedT, resolveLanguage } from "~/lib/i18n.server";
import { request } from "../support/factories";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : flatten(value, `${prefix}${key}.`),
  );
}

// Plural forms differ by language (English: _one/_other, Chinese: _other only).
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const keysOf = (tree: Tree) => new Set(flatten(tree).map(baseKey));

describe("translations", () => {
  it("English and Simplified Chinese have exactly the same keys, none empty", () => {
    const english = keysOf(en as Tree);
    const chinese = keysOf(zh as Tree);
    expect([...english].filter((key) => !chinese.has(key))).toEqual([]);
    expect([...chinese].filter((key) => !english.has(key))).toEqual([]);
    for (const tree of [en, zh] as Tree[]) {
      const empty = flatten(tree).filter((key) => {
        const value = key
          .split(".")
          .reduce<string | Tree | undefined>((node, part) => (node as Tree)?.[part], tree);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });

  it("every key the code uses exists in both languages", () => {
    const namespaces = Object.keys(en).filter((namespace) => namespace !== "twoFactor");
    const used = execFileSync(
      "grep",
      [
        "-rhoE",
        // Every namespace the English file has, so a new module's keys are checked too; but
        // not `twoFactor`, whose dotted names are also security event types.
        String.raw`["'\`](${namespaces.join("|")})\.[A-Za-z0-9_.]+["'\`]`,
        "app",
        "scripts",
      ],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter(Boolean)
      .map((literal) => literal.slice(1, -1))
      // A key's prefix in a template literal (`kpis.templates.${id}`) is not a key.
      .filter((key) => !key.endsWith("."));
    expect(used.length).toBeGreaterThan(50);
    const english = keysOf(en as Tree);
    const chinese = keysOf(zh as Tree);
    expect(used.filter((key) => !english.has(key))).toEqual([]);
    expect(used.filter((key) => !chinese.has(key))).toEqual([]);
    for (const role of ["EMPLOYEE", "TRAINER", "MANAGER", "HR", "ADMIN"]) {
      expect(english.has(`roles.${role}`) && chinese.has(`roles.${role}`)).toBe(true);
    }
  });

  it("translates in the requested language, with plurals", async () => {
    const t = await getFixedT("zh");
    expect(t("nav.users")).toBe("用户");
    expect(t("common.resultCount", { count: 3 })).toBe("共 3 条结果");
    const tEn = await getFixedT("en");
    expect(tEn("common.resultCount", { count: 1 })).toBe("1 result");
  });

  it("follows the user's preference, else the switcher cookie, else the browser", async () => {
    const browserZh = request("/", { headers: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5" } });
    expect(await resolveLanguage(browserZh, null)).toBe("zh");
    expect(await resolveLanguage(browserZh, "en")).toBe("en");
    const cookieEn = request("/", {
      headers: { "Accept-Language": "zh-CN", Cookie: "uptake_lng=ImVuIg%3D%3D" },
    });
    expect(await resolveLanguage(cookieEn, null)).toBe("en");
    expect(
      await resolveLanguage(request("/", { headers: { "Accept-Language": "fr-FR" } }), null),
    ).toBe("en");
  });
});
