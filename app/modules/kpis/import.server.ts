// The KPI actuals import's upload, preview, commit, error report and template (decision 041).
// The upload is stored (KpiImportFile, with its sha-256) so the commit reads the very bytes the
// preview showed. The commit recomputes the plan, refuses when it differs from the preview's,
// and writes it in chunks, each a short transaction that first checks the stored values are
// still the ones planned (a stale plan cannot overwrite a newer value), then upserts the
// actuals and audits each change with its old and new value; then the touched standings are
// refreshed in bulk, one KPI per transaction. A commit cut short leaves whole chunks:
// previewing the file again shows what is left, and committing it catches the standings up.
import { chunkSize, yieldToEventLoop } from "~/lib/chunks.server";
import { MAX_BOUND_PARAMETERS, upsertRows } from "~/lib/bulk-insert.server";
import { decodeUtf8, sha256Of } from "~/lib/csv-read.server";
import { csvLine, csvStream, type CsvValue } from "~/lib/csv.server";
import { getDb, lockForUpdate, type DbTx } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { can, type Principal } from "~/lib/permissions";
import { recordAudit, recordAudits, type AuditEntry } from "~/modules/audit/index.server";
import type { TFunction } from "i18next";
import {
  KPI_IMPORT_COLUMNS,
  KPI_IMPORT_MAX_BYTES,
  KPI_IMPORT_PAGE_SIZE,
  type KpiImportCommitInput,
  type KpiImportPreview,
  type KpiImportPreviewQuery,
  type KpiImportResult,
} from "./import";
import {
  actualKey,
  parseKpiCsv,
  planKpiImport,
  storedActuals,
  type KpiImportPlan,
  type PlannedKpiRow,
} from "./import-plan.server";
import { kpiDepartmentReach } from "./access.server";
import { periodKey } from "./periods";
import { refreshStandingsInBulk } from "./standing.server";

export { parseKpiCsv, planKpiImport } from "./import-plan.server";

const KEEP_UPLOADS_MS = 7 * DAY_MS;

function requireImporter(actor: Principal) {
  if (!can(actor, "import", "KpiActual")) throw new ForbiddenError();
}

const planFor = (actor: Principal, rows: Parameters<typeof planKpiImport>[1]) =>
  planKpiImport(getDb(), rows, kpiDepartmentReach(actor, "import", "KpiActual"));

/**
 * Stores an upload; the same file uploaded again by the same person, not yet committed, is the
 * same row (a committed one is a new upload, which previews as unchanged).
 */
export async function storeKpiImportUpload(actor: Principal, file: File | null) {
  requireImporter(actor);
  if (!file || file.size === 0) throw new ValidationError({ file: "kpis.import.fileRequired" });
  if (file.size > KPI_IMPORT_MAX_BYTES)
    throw new ValidationError({ file: "kpis.import.fileTooLarge" });
  const content = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (content === null) throw new ValidationError({ file: "kpis.import.notUtf8" });
  const sha256 = sha256Of(content);
  const db = getDb();
  await db.kpiImportFile.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - KEEP_UPLOADS_MS) } },
  });
  const same = await db.kpiImportFile.findFirst({
    where: { uploadedById: actor.id, sha256, committedAt: null },
    select: { id: true },
  });
  if (same) return same.id;
  const stored = await db.kpiImportFile.create({
    data: { sha256, content, fileName: file.name.slice(0, 200), uploadedById: actor.id },
    select: { id: true },
  });
  return stored.id;
}

/** The uploader's own stored file (another person's is not found). */
async function loadUpload(actor: Principal, fileId: string) {
  requireImporter(actor);
  const file = await getDb().kpiImportFile.findFirst({
    where: { id: fileId, uploadedById: actor.id },
  });
  if (!file) throw new NotFoundError();
  return file;
}

const previewRow = (row: PlannedKpiRow) => ({
  row: row.row,
  department: row.department.slice(0, 200),
  kpi: row.kpi.slice(0, 200),
  period: row.period.slice(0, 40),
  value: row.value.slice(0, 40),
  outcome: row.outcome,
  before: row.before,
  after: row.after,
  problems: row.problems,
});

/** The preview page's data: the counts and one page of the rows (all, or of one outcome). */
export async function previewKpiImport(
  actor: Principal,
  query: KpiImportPreviewQuery,
): Promise<KpiImportPreview> {
  const file = await loadUpload(actor, query.file);
  const upload = {
    id: file.id,
    fileName: file.fileName,
    sha256: file.sha256,
    committed: file.committedAt !== null,
  };
  const parsed = parseKpiCsv(file.content);
  if (!parsed.ok) return { upload, problem: parsed.problem, plan: null };
  const plan = await planFor(actor, parsed.rows);
  const shown = query.outcome ? plan.rows.filter((r) => r.outcome === query.outcome) : plan.rows;
  const pageCount = Math.max(1, Math.ceil(shown.length / KPI_IMPORT_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    upload,
    problem: null,
    plan: {
      counts: plan.counts,
      digest: plan.digest,
      outcome: query.outcome,
      page,
      pageCount,
      total: shown.length,
      rows: shown
        .slice((page - 1) * KPI_IMPORT_PAGE_SIZE, page * KPI_IMPORT_PAGE_SIZE)
        .map(previewRow),
    },
  };
}

export interface KpiImportCommitOptions {
  /**
   * Told each step's duration (npm run bench:kpis-import prints them); awaited, so a test can
   * change the data between the plan and the writes.
   */
  onPhase?: (phase: string, ms: number) => void | Promise<void>;
}

/** Commits a stored upload: refused unless its bytes and its plan are the preview's. */
export async function commitKpiImport(
  actor: Principal,
  input: KpiImportCommitInput,
  options: KpiImportCommitOptions = {},
): Promise<KpiImportResult> {
  const file = await loadUpload(actor, input.fileId);
  if (file.sha256 !== input.sha256 || sha256Of(file.content) !== input.sha256)
    throw new NotFoundError();
  const parsed = parseKpiCsv(file.content);
  if (!parsed.ok) throw new ValidationError({ file: parsed.problem.messageKey });
  let start = performance.now();
  const plan = await planFor(actor, parsed.rows);
  await options.onPhase?.("plan", performance.now() - start);
  // A double submit: the first wrote everything, the second is told so and writes nothing.
  if (file.committedAt) return { counts: plan.counts, written: false, alreadyCommitted: true };
  if (plan.digest !== input.planDigest) throw new ConflictError("kpis.import.changedSincePreview");
  start = performance.now();
  const written = await writePlan(actor, file.id, plan);
  await options.onPhase?.("write", performance.now() - start);
  start = performance.now();
  await refreshTouchedStandings(plan);
  await options.onPhase?.("standings", performance.now() - start);
  await getDb().$transaction(async (tx) => {
    await lockForUpdate(tx, "KpiImportFile", "id", file.id);
    const claimed = await tx.kpiImportFile.updateMany({
      where: { id: file.id, committedAt: null },
      data: { committedAt: new Date() },
    });
    if (claimed.count === 1 && written > 0)
      await recordAudit(tx, {
        actorId: actor.id,
        action: "kpi.actual.import",
        subjectType: "KpiImportFile",
        subjectId: file.id,
        after: { sha256: file.sha256, fileName: file.fileName, ...plan.counts },
      });
  });
  return { counts: plan.counts, written: written > 0, alreadyCommitted: false };
}

/** Writes the plan's created and updated rows chunk by chunk; returns how many. */
async function writePlan(actor: Principal, fileId: string, plan: KpiImportPlan) {
  // Sorted so a chunk holds few KPI × department pairs (its checks stay small).
  const writes = plan.rows
    .filter((r) => r.outcome === "created" || r.outcome === "updated")
    .sort(
      (a, b) =>
        a.kpiId!.localeCompare(b.kpiId!) ||
        a.departmentId!.localeCompare(b.departmentId!) ||
        a.periodStart!.getTime() - b.periodStart!.getTime(),
    );
  const size = chunkSize("kpiImportRows");
  for (let i = 0; i < writes.length; i += size) {
    const chunk = writes.slice(i, i + size);
    await getDb().$transaction((tx) => writeChunk(tx, actor, fileId, chunk), {
      timeout: 60_000,
      maxWait: 30_000,
    });
    await yieldToEventLoop();
  }
  return writes.length;
}

function groupByKpi(rows: readonly PlannedKpiRow[]) {
  const groups = new Map<string, PlannedKpiRow[]>();
  for (const row of rows) {
    const group = groups.get(row.kpiId!);
    if (group) group.push(row);
    else groups.set(row.kpiId!, [row]);
  }
  return groups;
}

async function writeChunk(
  tx: DbTx,
  actor: Principal,
  fileId: string,
  chunk: readonly PlannedKpiRow[],
) {
  // Two commits of one file at once queue here; the second then finds the values changed.
  await lockForUpdate(tx, "KpiImportFile", "id", fileId);
  const file = await tx.kpiImportFile.findUnique({
    where: { id: fileId },
    select: { committedAt: true },
  });
  if (!file || file.committedAt) throw new ConflictError("kpis.import.changedSincePreview");
  const groups = groupByKpi(chunk);
  for (const [kpiId, rows] of groups) {
    const departmentIds = [...new Set(rows.map((r) => r.departmentId!))];
    const stored = await storedActuals(
      tx,
      [kpiId],
      new Date(Math.min(...rows.map((r) => r.periodStart!.getTime()))),
      new Date(Math.max(...rows.map((r) => r.periodStart!.getTime()))),
      departmentIds,
    );
    for (const row of rows) {
      const now = stored.get(actualKey(kpiId, row.departmentId!, row.periodStart!)) ?? null;
      if (now !== row.before) throw new ConflictError("kpis.import.changedSincePreview");
    }
  }
  const now = new Date();
  await upsertRows(
    tx,
    "KpiActual",
    chunk.map((row) => ({
      kpiId: row.kpiId!,
      departmentId: row.departmentId!,
      periodStart: row.periodStart!,
      value: row.after!,
      source: "IMPORT",
      updatedById: actor.id,
      createdAt: now,
      updatedAt: now,
    })),
    {
      conflict: ["kpiId", "departmentId", "periodStart"],
      update: ["value", "source", "updatedById", "updatedAt"],
      pgCasts: { source: '"KpiSource"' },
      parametersPerStatement: MAX_BOUND_PARAMETERS,
    },
  );
  // The manual entry's audit shape (kpi.actual.set), one per changed actual.
  const entries: AuditEntry[] = chunk.map((row) => ({
    actorId: actor.id,
    action: "kpi.actual.set",
    subjectType: "KpiDefinition",
    subjectId: row.kpiId!,
    before: row.before === null ? null : { value: row.before },
    after: {
      departmentId: row.departmentId,
      period: periodKey(row.periodStart!, row.periodKind!),
      value: row.after,
      source: "IMPORT",
      importFileId: fileId,
    },
  }));
  await recordAudits(tx, entries, now);
}

/**
 * Refreshes the standing of every pair the file names (its unchanged rows too: a commit cut
 * short before this step is caught up by committing the file again), one KPI per transaction.
 */
async function refreshTouchedStandings(plan: KpiImportPlan) {
  const pairs = new Map<string, Set<string>>();
  for (const row of plan.rows) {
    if (row.outcome === "error") continue;
    const departments = pairs.get(row.kpiId!) ?? new Set<string>();
    departments.add(row.departmentId!);
    pairs.set(row.kpiId!, departments);
  }
  for (const [kpiId, departmentIds] of pairs) {
    await getDb().$transaction((tx) => refreshStandingsInBulk(tx, kpiId, [...departmentIds]));
    await yieldToEventLoop();
  }
}

/** The rows in error as CSV (row, the four cells, the reasons), formula-safe. */
export async function kpiImportErrorReport(actor: Principal, fileId: string, t: TFunction) {
  const file = await loadUpload(actor, fileId);
  const parsed = parseKpiCsv(file.content);
  let lines: CsvValue[][];
  if (!parsed.ok) {
    const { columns, messageKey } = parsed.problem;
    lines = [[1, "", "", "", "", `${t(messageKey)} ${columns.join(", ")}`.trim()]];
  } else {
    const plan = await planFor(actor, parsed.rows);
    lines = plan.rows
      .filter((r) => r.outcome === "error")
      .map((r) => [
        r.row,
        r.department,
        r.kpi,
        r.period,
        r.value,
        r.problems.map((p) => `${p.column}: ${t(p.messageKey, p.values ?? {})}`).join("; "),
      ]);
  }
  const header = [t("kpis.import.row"), ...KPI_IMPORT_COLUMNS, t("kpis.import.problem")];
  return csvStream(
    header,
    (async function* () {
      for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000);
    })(),
  );
}

/** The template: the header and example rows (a month, a day in a month, an ISO week). */
export function kpiImportTemplateCsv(t: TFunction) {
  const satisfaction = t("kpis.templates.csat5.name");
  const response = t("kpis.templates.firstResponseTime.name");
  return (
    "\uFEFF" +
    csvLine([...KPI_IMPORT_COLUMNS]) +
    csvLine(["Customer Service", satisfaction, "2026-03", 4.2]) +
    csvLine(["Customer Service", satisfaction, "2026-04-15", 4.35]) +
    csvLine(["Call Centre", response, "2026-W10", 3.5])
  );
}
