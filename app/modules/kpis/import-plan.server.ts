// The KPI actuals import's preview (decision 041): the file's rows read, matched to a
// department, a KPI and a period, their values checked, and each compared with the stored
// actual (created / updated / unchanged / error). A handful of reads whatever the file's
// size: every KPI, every department, the KPI × department pairs and the stored actuals of the
// touched KPIs within the file's periods. Nothing here writes.
import { createHash } from "node:crypto";
import { readCsvRecords } from "~/lib/csv-read.server";
import type { DbTx } from "~/lib/db.server";
import { getFixedT } from "~/lib/i18n.server";
import { LANGUAGES } from "~/lib/i18n";
import { departmentNames } from "~/modules/org/index.server";
import {
  KPI_IMPORT_COLUMNS,
  KPI_IMPORT_MAX_ROWS,
  type KpiImportColumn,
  type KpiImportCounts,
  type KpiImportOutcome,
  type KpiImportProblem,
} from "./import";
import { parsePeriod, type KpiPeriodValue } from "./periods";
import { KPI_VALUE_LIMIT } from "./schemas";
import { roundTo } from "./status";
import { kpiText } from "./texts";

export interface KpiImportRow {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  department: string;
  kpi: string;
  period: string;
  value: string;
  /** The row has more or fewer cells than the header. */
  wrongCellCount?: boolean;
}

export type ParsedKpiFile =
  | { ok: true; rows: KpiImportRow[] }
  | { ok: false; problem: { messageKey: string; columns: string[] } };

export interface PlannedKpiRow extends KpiImportRow {
  outcome: KpiImportOutcome;
  kpiId: string | null;
  departmentId: string | null;
  periodStart: Date | null;
  periodKind: KpiPeriodValue | null;
  before: number | null;
  after: number | null;
  problems: KpiImportProblem[];
}

export interface KpiImportPlan {
  rows: PlannedKpiRow[];
  counts: KpiImportCounts;
  /** sha-256 of what the commit would write (each row's key, old and new value). */
  digest: string;
}

interface KpiForImport {
  id: string;
  name: string;
  archived: boolean;
  period: KpiPeriodValue;
  precision: number;
  minValue: number | null;
  maxValue: number | null;
}

const FILE_PROBLEM = (messageKey: string, columns: string[] = []) => ({
  ok: false as const,
  problem: { messageKey, columns },
});

/** Names are matched trimmed, case-insensitive and with inner runs of spaces as one. */
export const matchKey = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/** Reads the file's rows; a header or CSV problem refuses the whole file. */
export function parseKpiCsv(text: string): ParsedKpiFile {
  const records = readCsvRecords(text);
  if (!records) return FILE_PROBLEM("kpis.import.unreadable");
  const [header, ...body] = records;
  if (!header) return FILE_PROBLEM("kpis.import.empty");
  const columns = header.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(KPI_IMPORT_COLUMNS);
  const unknown = header.filter((_, i) => !known.has(columns[i]!));
  if (unknown.length > 0) return FILE_PROBLEM("kpis.import.unknownColumns", unknown);
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (repeated.length > 0) return FILE_PROBLEM("kpis.import.repeatedColumns", repeated);
  const missing = KPI_IMPORT_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return FILE_PROBLEM("kpis.import.missingColumns", missing);
  if (body.length > KPI_IMPORT_MAX_ROWS) return FILE_PROBLEM("kpis.import.tooManyRows");
  const at = Object.fromEntries(KPI_IMPORT_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<
    KpiImportColumn,
    number
  >;
  const rows = body.map((cells, i) => ({
    row: i + 2,
    department: (cells[at.department] ?? "").trim(),
    kpi: (cells[at.kpi] ?? "").trim(),
    period: (cells[at.period] ?? "").trim(),
    value: (cells[at.value] ?? "").trim(),
    cellCount: cells.length,
  }));
  return {
    ok: true,
    rows: rows.map(({ cellCount, ...row }) =>
      cellCount === header.length ? row : { ...row, wrongCellCount: true },
    ),
  };
}

/** Index of names to the things named; a name given to two things is ambiguous. */
function indexBy<T>(items: readonly T[], names: (item: T) => string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    for (const name of new Set(names(item).map(matchKey))) {
      if (!name) continue;
      const list = index.get(name);
      if (list) list.push(item);
      else index.set(name, [item]);
    }
  }
  return index;
}

/** Every KPI under its id and the name shown in each language. */
async function kpiIndex(db: DbTx) {
  const kpis: KpiForImport[] = await db.kpiDefinition.findMany({
    select: {
      id: true,
      name: true,
      archived: true,
      period: true,
      precision: true,
      minValue: true,
      maxValue: true,
    },
  });
  const translators = await Promise.all(LANGUAGES.map((language) => getFixedT(language)));
  const byName = indexBy(kpis, (kpi) => translators.map((t) => kpiText(t, kpi.name)));
  const byId = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  return { byName, byId };
}

/** Departments by name, and by their unique code (which settles two of one name). */
async function departmentIndex() {
  const departments = await departmentNames();
  return {
    byName: indexBy(departments, (department) => [department.name]),
    byCode: new Map(departments.map((d) => [matchKey(d.code), d])),
  };
}

const problem = (
  column: KpiImportProblem["column"],
  messageKey: string,
  values?: KpiImportProblem["values"],
): KpiImportProblem => (values ? { column, messageKey, values } : { column, messageKey });

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The value's refusal for this KPI, or its rounded value (the manual form's rules). */
function checkValue(text: string, kpi: KpiForImport): KpiImportProblem | number {
  if (text === "") return problem("value", "validation.required");
  if (!NUMBER.test(text)) return problem("value", "kpis.import.errors.badValue");
  const value = Number(text);
  if (Math.abs(value) > KPI_VALUE_LIMIT) return problem("value", "kpis.import.errors.badValue");
  const { minValue: min, maxValue: max } = kpi;
  if ((min !== null && value < min) || (max !== null && value > max)) {
    const range =
      min !== null && max !== null ? `${min}–${max}` : min !== null ? `≥ ${min}` : `≤ ${max}`;
    return problem("value", "kpis.import.errors.outOfRange", { range });
  }
  return roundTo(value, kpi.precision);
}

type Resolved = PlannedKpiRow & { kpiRules: KpiForImport | null };

function resolveRow(
  row: KpiImportRow,
  kpis: Awaited<ReturnType<typeof kpiIndex>>,
  departments: Awaited<ReturnType<typeof departmentIndex>>,
): Resolved {
  const planned: Resolved = {
    row: row.row,
    department: row.department,
    kpi: row.kpi,
    period: row.period,
    value: row.value,
    outcome: "error",
    kpiId: null,
    departmentId: null,
    periodStart: null,
    periodKind: null,
    before: null,
    after: null,
    problems: [],
    kpiRules: null,
  };
  const problems = planned.problems;
  if (row.wrongCellCount) {
    problems.push(problem("row", "kpis.import.errors.wrongCellCount"));
    return planned;
  }
  const departmentKey = matchKey(row.department);
  const namedDepartments = departments.byName.get(departmentKey) ?? [];
  const department =
    namedDepartments.length === 1 ? namedDepartments[0] : departments.byCode.get(departmentKey);
  if (!row.department) problems.push(problem("department", "validation.required"));
  else if (department) planned.departmentId = department.id;
  else if (namedDepartments.length > 1)
    problems.push(problem("department", "kpis.import.errors.ambiguousDepartment"));
  else problems.push(problem("department", "kpis.import.errors.unknownDepartment"));

  const named = kpis.byName.get(matchKey(row.kpi)) ?? [];
  const kpi = kpis.byId.get(row.kpi) ?? (named.length === 1 ? named[0] : undefined);
  if (!row.kpi) problems.push(problem("kpi", "validation.required"));
  else if (named.length > 1 && !kpi)
    problems.push(problem("kpi", "kpis.import.errors.ambiguousKpi"));
  else if (!kpi) problems.push(problem("kpi", "kpis.import.errors.unknownKpi"));
  else if (kpi.archived) problems.push(problem("kpi", "kpis.import.errors.archivedKpi"));
  else {
    planned.kpiId = kpi.id;
    planned.kpiRules = kpi;
    planned.periodKind = kpi.period;
    planned.periodStart = row.period ? parsePeriod(row.period, kpi.period) : null;
    if (!row.period) problems.push(problem("period", "validation.required"));
    else if (!planned.periodStart)
      problems.push(problem("period", `kpis.errors.period.${kpi.period}`));
    const value = checkValue(row.value, kpi);
    if (typeof value === "number") planned.after = value;
    else problems.push(value);
  }
  return planned;
}

const pairKey = (kpiId: string, departmentId: string) => `${kpiId}|${departmentId}`;
export const actualKey = (kpiId: string, departmentId: string, periodStart: Date) =>
  `${kpiId}|${departmentId}|${periodStart.getTime()}`;

/** The stored actuals of `kpiIds` between two period starts, by KPI × department × period. */
export async function storedActuals(
  db: DbTx,
  kpiIds: readonly string[],
  from: Date,
  to: Date,
  departmentIds?: readonly string[],
) {
  const rows = await db.kpiActual.findMany({
    where: {
      kpiId: { in: [...kpiIds] },
      periodStart: { gte: from, lte: to },
      ...(departmentIds ? { departmentId: { in: [...departmentIds] } } : {}),
    },
    select: { kpiId: true, departmentId: true, periodStart: true, value: true },
  });
  return new Map(rows.map((r) => [actualKey(r.kpiId, r.departmentId, r.periodStart), r.value]));
}

/** Compares every row with the database: the preview, and the commit's starting point. */
export async function planKpiImport(
  db: DbTx,
  rows: readonly KpiImportRow[],
  /** The departments the importer may import for (today HR and admins: all). */
  reach: "all" | readonly string[] = "all",
): Promise<KpiImportPlan> {
  const inReach = reach === "all" ? null : new Set(reach);
  const [kpis, departments] = await Promise.all([kpiIndex(db), departmentIndex()]);
  const planned = rows.map((row) => resolveRow(row, kpis, departments));
  const touched = [...new Set(planned.flatMap((r) => (r.kpiId ? [r.kpiId] : [])))];
  const pairs = new Set(
    (
      await db.kpiDepartment.findMany({
        where: { kpiId: { in: touched } },
        select: { kpiId: true, departmentId: true },
      })
    ).map((pair) => pairKey(pair.kpiId, pair.departmentId)),
  );
  // The same KPI × department × period twice: neither row is imported.
  const seen = new Map<string, number>();
  const keyOf = (r: Resolved) =>
    r.kpiId && r.departmentId && r.periodStart
      ? actualKey(r.kpiId, r.departmentId, r.periodStart)
      : null;
  for (const r of planned) {
    if (r.departmentId && inReach && !inReach.has(r.departmentId))
      r.problems.push(problem("department", "kpis.import.errors.outsideReach"));
    else if (r.kpiId && r.departmentId && !pairs.has(pairKey(r.kpiId, r.departmentId)))
      r.problems.push(problem("department", "kpis.import.errors.notApplied"));
    const key = keyOf(r);
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const r of planned) {
    const key = keyOf(r);
    if (key && seen.get(key)! > 1) r.problems.push(problem("row", "kpis.import.errors.duplicate"));
  }
  const valid = planned.filter((r) => r.problems.length === 0);
  const starts = valid.map((r) => r.periodStart!.getTime());
  const stored =
    valid.length === 0
      ? new Map<string, number>()
      : await storedActuals(db, touched, new Date(reduceMin(starts)), new Date(reduceMax(starts)));
  const counts: KpiImportCounts = { created: 0, updated: 0, unchanged: 0, error: 0 };
  const digest = createHash("sha256");
  const result: PlannedKpiRow[] = planned.map(({ kpiRules: _rules, ...r }) => {
    if (r.problems.length > 0) {
      counts.error++;
      return { ...r, outcome: "error", after: null };
    }
    const before = stored.get(keyOf(r as Resolved)!) ?? null;
    const outcome: KpiImportOutcome =
      before === null ? "created" : before === r.after ? "unchanged" : "updated";
    counts[outcome]++;
    if (outcome !== "unchanged")
      digest.update(
        `${r.row}|${r.kpiId}|${r.departmentId}|${r.periodStart!.getTime()}|${before}|${r.after}\n`,
      );
    return { ...r, outcome, before };
  });
  return { rows: result, counts, digest: digest.digest("hex") };
}

// Math.min(...array) overflows the stack beyond ~100,000 arguments.
function reduceMin(values: readonly number[]) {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min;
}
function reduceMax(values: readonly number[]) {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}
