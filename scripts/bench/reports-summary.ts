// The closing table of bench:reports: one column of figures per provider, one row per
// scenario, the targets (PASS/FAIL) beside each figure.
import type { ExportFigures } from "./export-child";
import type { MeasureFigures } from "./reports-measure";

const TARGET_GENERATION_MS = 60_000;
const TARGET_LOAD_MS = 150;
const TARGET_EXPORT_MS = 5000;
const TARGET_EXPORT_MB = 200;

export interface ProviderFigures {
  provider: string;
  measured: MeasureFigures;
  exported?: ExportFigures;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const LABEL = 24;
const CELL = 28;

function row(label: string, cells: string[], target: string) {
  return `${label.padEnd(LABEL)}${cells.map((cell) => cell.padEnd(CELL)).join("")}${target}`.trimEnd();
}

export function printSummary(options: {
  title: string;
  runs: number;
  generationMs?: number;
  loadMs?: number;
  figures: ProviderFigures[];
  exportSkipped: boolean;
}) {
  const { figures } = options;
  const lines: string[] = [];
  if (options.generationMs !== undefined) {
    const ok = options.generationMs < TARGET_GENERATION_MS;
    lines.push(
      `${"SQLite generation".padEnd(LABEL)}${seconds(options.generationMs)}  ${verdict(ok)} (< 60 s)`,
    );
  }
  if (options.loadMs !== undefined) {
    lines.push(
      `${"PostgreSQL load".padEnd(LABEL)}${seconds(options.loadMs)}  (copy from SQLite, indexes, VACUUM ANALYZE)`,
    );
  }
  lines.push("");
  lines.push(
    row(
      "scenario",
      figures.map((f) => `${f.provider} median / p95`),
      "target",
    ),
  );
  for (const [i, scenario] of figures[0]!.measured.scenarios.entries()) {
    const cells = figures.map((f) => {
      const t = f.measured.scenarios[i]!;
      const mark = t.target ? `  ${verdict(t.p95 < TARGET_LOAD_MS)}` : "";
      return `${fmt(t.median)} / ${fmt(t.p95)}${mark}`;
    });
    lines.push(
      row(scenario.name, cells, scenario.target ? `p95 < ${TARGET_LOAD_MS} ms` : "(none)"),
    );
  }
  const rebuilds = figures.map(({ measured }) =>
    measured.rebuildError
      ? `FAILED after ${seconds(measured.rebuildMs)}`
      : seconds(measured.rebuildMs),
  );
  lines.push(row("rebuildProgressStats", rebuilds, "(none)"));
  if (options.exportSkipped) {
    lines.push(
      row(
        "CSV export",
        figures.map(() => "skipped (--skip-export)"),
        "",
      ),
    );
  } else {
    const exports = figures.map((f) => f.exported!);
    lines.push(
      row(
        "CSV export rows",
        exports.map((e) => (e.lines - 1).toLocaleString("en")),
        "",
      ),
    );
    lines.push(
      row(
        "CSV export time",
        exports.map((e) => `${seconds(e.ms)}  ${verdict(e.ms < TARGET_EXPORT_MS)}`),
        "< 5 s",
      ),
    );
    lines.push(
      row(
        "CSV export peak RSS",
        exports.map(
          (e) => `${e.maxRssMb.toFixed(0)} MB  ${verdict(e.maxRssMb < TARGET_EXPORT_MB)}`,
        ),
        `< ${TARGET_EXPORT_MB} MB`,
      ),
    );
  }
  console.log(`\n=== Summary (${options.title}; ${options.runs} runs each) ===`);
  for (const line of lines) console.log(line);
}
