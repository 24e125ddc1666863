import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { requiredStyles, STYLES_FILE, stylesFileText } from "../../scripts/mantine-styles.mjs";

describe("the Mantine stylesheets the app ships (app/mantine-styles.css)", () => {
  it("are exactly those of the components the app renders: run `node scripts/mantine-styles.mjs` after adding one", () => {
    expect(fs.readFileSync(STYLES_FILE, "utf8")).toBe(stylesFileText());
  });

  it("follow a component into the parts it renders, and leave out what nothing renders", () => {
    const styles = requiredStyles();
    // A MultiSelect (the rule forms) is a Combobox of Pills in a PillsInput on an Input.
    for (const part of ["Combobox", "Pill", "PillsInput", "Input", "Popover"]) {
      expect(styles).toContain(part);
    }
    // A Checkbox draws its label with InlineInput.
    expect(styles).toContain("InlineInput");
    expect(styles).not.toContain("Stepper");
    expect(styles).not.toContain("ColorPicker");
    expect(styles.slice(0, 3)).toEqual(["baseline", "global", "default-css-variables"]);
    expect(styles.indexOf("UnstyledButton")).toBeLessThan(styles.indexOf("Button"));
  });
});
