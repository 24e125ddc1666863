// Child process of scripts/bench/reports.ts: runs the enrolment CSV export once in a fresh
// process (so its peak RSS is the export's own) and reports its figures (child.ts).
// Needs DATABASE_URL (either provider) and BENCH_PRINCIPAL (JSON) in the environment.
import type { Principal } from "~/lib/permissions";
import { reportResult } from "./child";

export interface ExportFigures {
  ms: number;
  bytes: number;
  lines: number;
  rssBeforeMb: number;
  maxRssMb: number;
}

const principal = JSON.parse(process.env.BENCH_PRINCIPAL ?? "null") as Principal | null;
if (!principal || !process.env.DATABASE_URL) {
  throw new Error("export-child needs DATABASE_URL and BENCH_PRINCIPAL");
}

const { disconnectDb } = await import("~/lib/db.server");
const { getFixedT } = await import("~/lib/i18n.server");
const { exportReport } = await import("~/modules/reports/export.server");
const { reportFiltersSchema } = await import("~/modules/reports/schemas");

try {
  const t = await getFixedT("en");
  const filters = reportFiltersSchema.parse({});
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  const { body } = await exportReport(principal, "enrolments", filters, t);
  const reader = body.getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const ms = performance.now() - started;
  reportResult({
    ms,
    bytes,
    lines,
    rssBeforeMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  } satisfies ExportFigures);
} finally {
  await disconnectDb();
}
