import {
  Anchor,
  Badge,
  createTheme,
  DEFAULT_THEME,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from "@mantine/core";

/**
 * Colours that pass WCAG 2.1 AA (4.5:1 for text) in both schemes; measured with axe on every
 * main page (test/e2e/pages.e2e.ts) and decision 016.
 *
 * Mantine derives each colour's "filled", "light" and "outline" variants from one shade
 * (primaryShade). Shade 9 is the only one dark enough for white labels and for text on the
 * 10 % tint of light badges; in the dark scheme the light variant uses shade 4 on a dark
 * tint, which passes for every colour. The yellow, orange, green, lime, red and teal
 * shade 9 of Mantine's palette still fall short on a tint, so they are darkened here.
 */
function darkest(colors: MantineColorsTuple, shade9: string): MantineColorsTuple {
  return [...colors.slice(0, 9), shade9] as unknown as MantineColorsTuple;
}

const colors = DEFAULT_THEME.colors;

export const theme = createTheme({
  primaryColor: "teal",
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: "md",
  colors: {
    teal: darkest(colors.teal, "#066b4d"),
    red: darkest(colors.red, "#b02525"),
    orange: darkest(colors.orange, "#a34700"),
    yellow: darkest(colors.yellow, "#8a5a00"),
    green: darkest(colors.green, "#23680a"),
    lime: darkest(colors.lime, "#3f6600"),
  },
  components: {
    // A link inside a sentence must not be told apart by colour alone (in the dark scheme
    // teal 4 is as light as the text around it).
    Anchor: Anchor.extend({ defaultProps: { underline: "always" } }),
    // A badge is inline content (bylines, titles); Mantine's default <div> is invalid inside
    // the <p> a Text renders, and the browser's repair breaks hydration.
    // A status is never cut to "UNDER …": in a row next to a long title the title wraps, the
    // badge keeps its width.
    Badge: Badge.extend({
      defaultProps: { component: "span" },
      // The label's own overflow: hidden let tables squeeze it to nothing ("NOT START…").
      styles: { root: { flexShrink: 0, maxWidth: "none" }, label: { overflow: "visible" } },
    }),
  },
});

/** Dimmed text: Mantine's gray-6 (light) and dark-2 (dark) are below 4.5:1 on cards. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#5c636a" },
  dark: { "--mantine-color-dimmed": "#a8a8a8" },
});
