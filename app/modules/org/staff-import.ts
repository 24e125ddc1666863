import { z } from "zod";
import { checkboxField, optionalString, pageField } from "~/lib/fields";

// Staff import (decision 025): what the page and the server share — the file's columns, the
// forms, the preview's shape. The server files are under ./import/.

/** The file's columns as named in the header (case, spaces, "-" and "_" do not matter). */
export const IMPORT_COLUMNS = [
  "email",
  "name",
  "department",
  "job title",
  "hire date",
  "role",
  "manager of",
  "active",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["email", "name", "department"];

/** Separates a department path's levels: `Customer Service/Call Centre`. */
export const PATH_SEPARATOR = "/";
/** Separates the department paths in "manager of" (neither "," nor ";", the file's delimiters). */
export const MANAGER_OF_SEPARATOR = "|";

export const ROW_KINDS = ["create", "update", "unchanged", "error"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** Rows of one kind the preview shows per page. */
export const PREVIEW_PAGE_SIZE = 50;
/** Departments and people to deactivate the preview lists (the counts are always complete). */
export const PREVIEW_LIST_CAP = 200;

export const importUploadSchema = z.object({ deactivateMissing: checkboxField });

export const importCommitSchema = z.object({
  fileId: z.string().min(1).max(40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  planDigest: z.string().regex(/^[0-9a-f]{64}$/),
  deactivateMissing: checkboxField,
  confirmDeactivation: checkboxField,
});

export const importPreviewQuerySchema = z.object({
  file: optionalString.pipe(z.string().max(40)).catch(""),
  deactivate: z.enum(["1", ""]).catch(""),
  kind: z.enum(ROW_KINDS).catch("create"),
  page: pageField,
});

export type ImportCommitInput = z.infer<typeof importCommitSchema>;
export type ImportPreviewQuery = z.infer<typeof importPreviewQuerySchema>;

export interface FieldChange {
  field: ImportColumn;
  before: string;
  after: string;
}

export interface RowProblem {
  column: ImportColumn | "row";
  messageKey: string;
}

export interface PreviewRow {
  row: number;
  email: string;
  name: string;
  kind: RowKind;
  changes: FieldChange[];
  problems: RowProblem[];
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  error: number;
  departments: number;
  deactivate: number;
}

/** A file-level problem: the header or the CSV itself (the file cannot be read as rows). */
export interface FileProblem {
  messageKey: string;
  columns: string[];
}
