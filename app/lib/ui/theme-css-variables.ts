import {
  convertCssVariables,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  mergeMantineTheme,
} from "@mantine/core";
import { cssVariablesResolver, theme } from "./theme";

type Scope = "variables" | "light" | "dark";
const SCOPES: Scope[] = ["variables", "light", "dark"];

let css: string | undefined;

/**
 * The `:root, :host` CSS variables Mantine's provider would print for our theme, computed once.
 * MantineProvider recomputes them on every render (0.5 ms of CPU per page, decision 026), so
 * the root layout renders this string instead and turns the provider's own off. Like Mantine,
 * it leaves out what equals Mantine's defaults (its stylesheet defines those);
 * test/integration/theme-css-variables.test.ts checks the two outputs agree.
 */
export function themeCssVariables(): string {
  if (css === undefined) {
    const merged = mergeMantineTheme(DEFAULT_THEME, theme);
    const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
    const ours = defaultCssVariablesResolver(merged);
    const extra = cssVariablesResolver(merged);
    const differing = (scope: Scope) =>
      Object.fromEntries(
        Object.entries({ ...ours[scope], ...extra[scope] }).filter(
          ([name, value]) => defaults[scope][name as keyof (typeof defaults)[Scope]] !== value,
        ),
      );
    css = convertCssVariables(
      Object.fromEntries(SCOPES.map((scope) => [scope, differing(scope)])) as Record<
        Scope,
        Record<string, string>
      >,
    );
  }
  return css;
}
