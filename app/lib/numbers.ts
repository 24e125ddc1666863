// Percentages, computed and shown one way everywhere (server and browser alike).

/** A fraction (0.5) as a percentage (50), rounded to `decimals` places. */
export function asPercent(fraction: number, decimals = 0): number {
  const factor = 10 ** decimals;
  // One multiplication: 23/80 × 1000 is 287.5 (28.8 %), but 23/80 × 100 × 10 is 287.4999… (28.7 %).
  return Math.round(fraction * (100 * factor)) / factor;
}

/** `part` of `whole` as a percentage rounded to `decimals` places; null when `whole` is 0. */
export function percentOf(part: number, whole: number, decimals = 0): number | null {
  return whole === 0 ? null : asPercent(part / whole, decimals);
}

/** A percentage as text: "42%", "12.5%"; "—" when there is none. */
export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${value}%`;
}

/** A count or a points figure with the language's digit grouping: "12,345". */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === "zh" ? "zh-CN" : "en-GB").format(value);
}
