import { z } from "zod";
import { checkboxField, newPasswordField, optionalString, pageField } from "~/lib/fields";

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

/** The most an upload may hold (scripts/body-limit.mjs lets a little more through). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * The file input: in the browser a FileList, which must hold one file within the size. The
 * server reads the file apart (form fields are strings), so there it is absent and passes;
 * storeImportUpload checks the same there.
 */
const uploadFileField = z
  .unknown()
  .optional()
  .superRefine((value, ctx) => {
    if (value === undefined || typeof value !== "object" || value === null) return;
    const file = (value as ArrayLike<{ size: number }>)[0];
    if (!file || file.size === 0)
      ctx.addIssue({ code: "custom", message: "org.import.fileRequired" });
    else if (file.size > MAX_IMPORT_BYTES) {
      ctx.addIssue({ code: "custom", message: "org.import.fileTooLarge" });
    }
  });

export const importUploadSchema = z.object({
  file: uploadFileField,
  deactivateMissing: checkboxField,
});

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

/** The invited person's first password: the change-password page's rules. */
export const invitationSchema = z
  .object({
    password: newPasswordField,
    confirmPassword: z.string().min(1, "validation.required"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
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

/** What the preview page shows: the stored upload, then its file problem or its plan. */
export interface ImportPreview {
  upload: { id: string; fileName: string; sha256: string };
  problem: FileProblem | null;
  plan: {
    counts: ImportCounts;
    digest: string;
    activeStaff: number;
    deactivationLimit: number;
    needsConfirmation: boolean;
    /** At most PREVIEW_LIST_CAP of each; the counts are complete. */
    departments: { path: string; code: string }[];
    deactivate: { id: string; email: string; name: string }[];
    /** One page of the rows of the kind asked for. */
    rows: PreviewRow[];
    page: number;
    pageCount: number;
  } | null;
}

/** Where the preview of a stored upload is, with "deactivate missing" or not. */
export function importPreviewPath(fileId: string, deactivateMissing: boolean, kind?: RowKind) {
  const params = new URLSearchParams({ file: fileId });
  if (deactivateMissing) params.set("deactivate", "1");
  if (kind) params.set("kind", kind);
  return `/admin/import?${params}`;
}

export const IMPORT_TEMPLATE_PATH = "/admin/import/template";
export const importErrorReportPath = (fileId: string) =>
  `/admin/import/errors?file=${encodeURIComponent(fileId)}`;
