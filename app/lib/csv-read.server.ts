import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";

// Reading an uploaded CSV (the staff import, the KPI actuals import): bytes → UTF-8 text →
// records. What the columns mean is the caller's.

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/** Comma or semicolon: whichever the header line has more of (outside quotes). */
export function detectDelimiter(text: string): "," | ";" {
  const headerLine = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, "");
  const count = (char: string) => headerLine.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** The file as text: UTF-8 only (a leading byte-order mark is dropped by csv-parse). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The file's records (header first), or null when it is not readable as CSV. */
export function readCsvRecords(text: string): string[][] | null {
  try {
    return parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 100_000,
    });
  } catch (error) {
    if (error instanceof CsvError) return null;
    throw error;
  }
}
