// Timing of repeated calls for the benchmarks' children: median, p95, min and max.

export interface Timing {
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: rank(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Runs `fn` `warmup` times unmeasured, then `times` times measured, one after another. */
export async function timeCalls(
  fn: () => Promise<unknown>,
  times: number,
  warmup: number,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}
