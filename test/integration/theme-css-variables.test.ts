import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cssVariablesResolver, theme } from "~/lib/ui/theme";
import { themeCssVariables } from "~/lib/ui/theme-css-variables";

/** What Mantine's own provider prints in its <style data-mantine-styles> tag. */
function mantineOwnCss(): string {
  const html = renderToStaticMarkup(
    createElement(MantineProvider, { theme, cssVariablesResolver, children: null }),
  );
  const css = html.match(/<style data-mantine-styles="true">([\s\S]*?)<\/style>/)?.[1];
  if (css === undefined) throw new Error(`no Mantine style tag in ${html.slice(0, 200)}`);
  return css;
}

describe("the theme's CSS variables, computed once", () => {
  it("are exactly what Mantine's provider prints for our theme", () => {
    expect(themeCssVariables()).toBe(mantineOwnCss());
  });

  it("carry our colours and the accessible dimmed text in both schemes", () => {
    const css = themeCssVariables();
    expect(css).toContain("--mantine-primary-color-filled: var(--mantine-color-teal-filled)");
    expect(css).toContain("--mantine-color-teal-9: #066b4d");
    expect(css).toMatch(
      /\[data-mantine-color-scheme="light"\][^}]*--mantine-color-dimmed: #5c636a/,
    );
    expect(css).toMatch(/\[data-mantine-color-scheme="dark"\][^}]*--mantine-color-dimmed: #a8a8a8/);
  });
});
