// The KPI actuals import (decision 041): what the page and the server share — the file's
// columns, the forms, the preview's shape. The server side is import.server.ts.
import { z } from "zod";
import { optionalString, pageField } from "~/lib/fields";

/** The file's columns as named in the header (case and surrounding spaces do not matter). */
export const KPI_IMPORT_COLUMNS = ["department", "kpi", "period", "value"] as const;
export type KpiImportColumn = (typeof KPI_IMPORT_COLUMNS)[number];

export const KPI_IMPORT_OUTCOMES = ["created", "updated", "unchanged", "error"] as const;
export type KpiImportOutcome = (typeof KPI_IMPORT_OUTCOMES)[number];

/** Rows the preview shows per page. */
export const KPI_IMPORT_PAGE_SIZE = 50;
/** The most an upload may hold: 50,000 rows are about 2.5 MB. */
export const KPI_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most rows one file may hold. */
export const KPI_IMPORT_MAX_ROWS = 200_000;

export const KPI_IMPORT_PATH = "/initiatives/kpis/import";
export const KPI_IMPORT_TEMPLATE_PATH = "/initiatives/kpis/import/template";

export const kpiImportPreviewPath = (fileId: string, outcome?: KpiImportOutcome, page?: number) =>
  `${KPI_IMPORT_PATH}?file=${encodeURIComponent(fileId)}` +
  (outcome ? `&outcome=${outcome}` : "") +
  (page && page > 1 ? `&page=${page}` : "");

export const kpiImportErrorsPath = (fileId: string) =>
  `/initiatives/kpis/import/errors?file=${encodeURIComponent(fileId)}`;

/** The file input: checked in the browser (a FileList); the server checks the file apart. */
const uploadFileField = z
  .unknown()
  .optional()
  .superRefine((value, ctx) => {
    if (value === undefined || typeof value !== "object" || value === null) return;
    const file = (value as ArrayLike<{ size: number }>)[0];
    if (!file || file.size === 0)
      ctx.addIssue({ code: "custom", message: "kpis.import.fileRequired" });
    else if (file.size > KPI_IMPORT_MAX_BYTES)
      ctx.addIssue({ code: "custom", message: "kpis.import.fileTooLarge" });
  });

export const kpiImportUploadSchema = z.object({ file: uploadFileField });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const kpiImportCommitSchema = z.object({
  fileId: z.string().min(1).max(40),
  sha256,
  planDigest: sha256,
});
export type KpiImportCommitInput = z.infer<typeof kpiImportCommitSchema>;

export const kpiImportPreviewQuerySchema = z.object({
  file: optionalString.pipe(z.string().max(40)).catch(""),
  outcome: z.enum(["", ...KPI_IMPORT_OUTCOMES]).catch(""),
  page: pageField,
});
export type KpiImportPreviewQuery = z.infer<typeof kpiImportPreviewQuerySchema>;

/** A row's refusal: an i18n key and its values ("out of range (1–5)"). */
export interface KpiImportProblem {
  column: KpiImportColumn | "row";
  messageKey: string;
  values?: Record<string, string | number>;
}

export interface KpiImportPreviewRow {
  row: number;
  department: string;
  kpi: string;
  period: string;
  value: string;
  outcome: KpiImportOutcome;
  /** The stored value before (updated / unchanged) and the one the import writes. */
  before: number | null;
  after: number | null;
  problems: KpiImportProblem[];
}

export type KpiImportCounts = Record<KpiImportOutcome, number>;

export interface KpiImportPreview {
  upload: { id: string; fileName: string; sha256: string; committed: boolean };
  /** A problem with the whole file (header, encoding): no rows. */
  problem: { messageKey: string; columns: string[] } | null;
  plan: {
    counts: KpiImportCounts;
    digest: string;
    rows: KpiImportPreviewRow[];
    outcome: KpiImportOutcome | "";
    page: number;
    pageCount: number;
    total: number;
  } | null;
}

export interface KpiImportResult {
  counts: KpiImportCounts;
  written: boolean;
  /** The file had been committed already (a double submit): nothing more was written. */
  alreadyCommitted: boolean;
}
