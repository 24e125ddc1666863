// The colour of a change for the better (1), none (0) or worse (−1), wherever a KPI's change
// is shown: Mantine's "-text" shades, which keep their contrast in light and dark.
export const SENSE_COLORS: Record<-1 | 0 | 1, string | undefined> = {
  1: "var(--mantine-color-green-text)",
  0: undefined,
  [-1]: "var(--mantine-color-red-text)",
};
