import { z } from "zod";
import { readCsvRecords } from "~/lib/csv-read.server";
import { emailField, isCalendarDate, nameField, optionalString, optionalText } from "~/lib/fields";
import { ROLES, type Role } from "~/lib/permissions";
import {
  IMPORT_COLUMNS,
  MANAGER_OF_SEPARATOR,
  PATH_SEPARATOR,
  REQUIRED_COLUMNS,
  type FileProblem,
  type ImportColumn,
  type RowProblem,
} from "../staff-import";

// Reading a staff CSV into rows: bytes → UTF-8 text → csv-parse → the header checked → each
// row through one zod schema. Nothing here touches the database.

const MAX_DEPTH = 10;
const ACTIVE_WORDS: Record<string, boolean> = {
  "": true,
  true: true,
  yes: true,
  "1": true,
  false: false,
  no: false,
  "0": false,
};

/** A department path as its trimmed levels; empty levels (`a//b`) or overlong names refuse. */
const pathSchema = z
  .string()
  .transform((value) => value.split(PATH_SEPARATOR).map((part) => part.trim()))
  .refine(
    (parts) =>
      parts.length <= MAX_DEPTH && parts.every((part) => part.length > 0 && part.length <= 120),
    "org.import.badDepartmentPath",
  );

const departmentField = optionalString.pipe(
  z.string().min(1, "validation.required").max(1000, "validation.tooLong").pipe(pathSchema),
);

const managerOfField = optionalText(5000).pipe(
  z
    .string()
    .transform((value) => (value === "" ? [] : value.split(MANAGER_OF_SEPARATOR)))
    .pipe(z.array(pathSchema)),
);

const rowSchema = z.object({
  email: emailField,
  name: nameField,
  department: departmentField,
  "job title": optionalText(120),
  "hire date": optionalString.refine((v) => v === "" || isCalendarDate(v), "validation.date"),
  role: optionalString
    .transform((value) => value.toUpperCase())
    .refine((value) => value === "" || (ROLES as readonly string[]).includes(value), {
      message: "org.import.unknownRole",
    })
    .transform((value) => (value === "" ? null : (value as Role))),
  "manager of": managerOfField,
  active: optionalString
    .transform((value) => value.toLowerCase())
    .refine((value) => value in ACTIVE_WORDS, "org.import.badActive")
    .transform((value) => ACTIVE_WORDS[value]!),
});

export interface ImportRow {
  email: string;
  name: string;
  department: string[];
  jobTitle: string;
  /** YYYY-MM-DD or "" (none). */
  hireDate: string;
  /** null: the column is empty (a new person is an EMPLOYEE, an existing one keeps theirs). */
  role: Role | null;
  managerOf: string[][];
  active: boolean;
}

export interface ParsedRow {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  /** The e-mail as normalised, even when the row is invalid (to match and spot duplicates). */
  email: string;
  name: string;
  values: ImportRow | null;
  problems: RowProblem[];
}

export type ParsedFile = { ok: true; rows: ParsedRow[] } | { ok: false; problem: FileProblem };

const canonicalColumn = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .replace(/^department path$/, "department");

export { decodeUtf8, detectDelimiter } from "~/lib/csv-read.server";

function checkHeader(header: string[]): FileProblem | null {
  const columns = header.map(canonicalColumn);
  const known = new Set<string>(IMPORT_COLUMNS);
  const unknown = header.filter((_, i) => !known.has(columns[i]!));
  if (unknown.length > 0) return { messageKey: "org.import.unknownColumns", columns: unknown };
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (repeated.length > 0) return { messageKey: "org.import.repeatedColumns", columns: repeated };
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { messageKey: "org.import.missingColumns", columns: missing };
  return null;
}

function parseRow(cells: string[], columns: ImportColumn[], row: number): ParsedRow {
  const record = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
  const email = (record.email ?? "").trim().toLowerCase();
  const name = (record.name ?? "").trim().slice(0, 120);
  if (cells.length !== columns.length) {
    return {
      row,
      email,
      name,
      values: null,
      problems: [{ column: "row", messageKey: "org.import.wrongCellCount" }],
    };
  }
  const result = rowSchema.safeParse(record);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      column: String(issue.path[0]) as ImportColumn,
      messageKey: issue.message,
    }));
    return { row, email, name, values: null, problems };
  }
  const data = result.data;
  const values: ImportRow = {
    email: data.email,
    name: data.name,
    department: data.department,
    jobTitle: data["job title"],
    hireDate: data["hire date"],
    role: data.role,
    managerOf: data["manager of"],
    active: data.active,
  };
  return { row, email: data.email, name: data.name, values, problems: [] };
}

/** Reads the file's rows; a header or CSV problem refuses the whole file. */
export function parseStaffCsv(text: string): ParsedFile {
  const records = readCsvRecords(text);
  if (!records) return { ok: false, problem: { messageKey: "org.import.unreadable", columns: [] } };
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: { messageKey: "org.import.empty", columns: [] } };
  const problem = checkHeader(header);
  if (problem) return { ok: false, problem };
  const columns = header.map(canonicalColumn) as ImportColumn[];
  const rows = body.map((cells, i) => parseRow(cells, columns, i + 2));
  markDuplicateEmails(rows);
  return { ok: true, rows };
}

/** Two rows with one e-mail (after normalising): neither is imported. */
function markDuplicateEmails(rows: ParsedRow[]) {
  const seen = new Map<string, number>();
  for (const row of rows) if (row.email) seen.set(row.email, (seen.get(row.email) ?? 0) + 1);
  for (const row of rows) {
    if ((seen.get(row.email) ?? 0) > 1) {
      row.values = null;
      row.problems.push({ column: "email", messageKey: "org.import.duplicateEmail" });
    }
  }
}
