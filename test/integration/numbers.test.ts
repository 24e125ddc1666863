import { describe, expect, it } from "vitest";
import { asPercent, formatPercent, percentOf } from "~/lib/numbers";

describe("percentages", () => {
  it("rounds to whole percent or to the given decimals, half up", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 3, 1)).toBe(33.3);
    expect(percentOf(1, 8, 1)).toBe(12.5);
    expect(asPercent(0.5)).toBe(50);
    expect(asPercent(0.125, 1)).toBe(12.5);
  });

  it("rounds 23/80 to 28.8 % (multiplying by 100 and then by 10 gives 28.7)", () => {
    expect(percentOf(23, 80, 1)).toBe(28.8);
    expect(percentOf(41, 80, 1)).toBe(51.3);
  });

  it("has no percentage of nothing", () => {
    expect(percentOf(0, 0)).toBeNull();
    expect(percentOf(0, 5)).toBe(0);
  });

  it("shows a percentage with its sign, and a dash when there is none", () => {
    expect(formatPercent(42)).toBe("42%");
    expect(formatPercent(12.5)).toBe("12.5%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });
});
