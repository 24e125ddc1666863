import { decodeUtf8, sha256Of } from "~/lib/csv-read.server";
import { csvLine, csvStream, type CsvValue } from "~/lib/csv.server";
import { getDb } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { BadRequestError, NotFoundError, ValidationError } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import {
  IMPORT_COLUMNS,
  MAX_IMPORT_BYTES,
  PREVIEW_LIST_CAP,
  PREVIEW_PAGE_SIZE,
  type ImportCommitInput,
  type ImportPreview,
  type ImportPreviewQuery,
} from "../staff-import";
import { commitStaffImport } from "./commit.server";
import { parseStaffCsv } from "./parse.server";
import { needsDeactivationConfirmation, planStaffImport } from "./plan.server";

// The web side of an import: the upload is stored (with its sha-256) so the commit reads the
// very bytes the preview showed, on whichever server it lands; uploads are kept a week.

const KEEP_UPLOADS_MS = 7 * DAY_MS;

export { sha256Of };

/** The upload's `file` field, read from a copy of the post (the form's fields are read apart). */
export async function uploadedFile(request: Request): Promise<File | null> {
  let value: FormDataEntryValue | null;
  try {
    value = (await request.formData()).get("file");
  } catch {
    throw new BadRequestError();
  }
  return value instanceof File ? value : null;
}

/** Stores an uploaded file; the same file uploaded again by the same person is the same row. */
export async function storeImportUpload(actor: Principal, file: File | null) {
  if (!file || file.size === 0) throw new ValidationError({ file: "org.import.fileRequired" });
  if (file.size > MAX_IMPORT_BYTES) throw new ValidationError({ file: "org.import.fileTooLarge" });
  const content = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (content === null) throw new ValidationError({ file: "org.import.notUtf8" });
  const sha256 = sha256Of(content);
  const db = getDb();
  await db.staffImportFile.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - KEEP_UPLOADS_MS) } },
  });
  const same = await db.staffImportFile.findFirst({
    where: { uploadedById: actor.id, sha256 },
    select: { id: true },
  });
  if (same) return same.id;
  const stored = await db.staffImportFile.create({
    data: { sha256, content, fileName: file.name.slice(0, 200), uploadedById: actor.id },
    select: { id: true },
  });
  return stored.id;
}

/** The uploader's own stored file (another person's is not found). */
async function loadUpload(actor: Principal, fileId: string) {
  const file = await getDb().staffImportFile.findFirst({
    where: { id: fileId, uploadedById: actor.id },
  });
  if (!file) throw new NotFoundError();
  return file;
}

/** The preview page's data: counts, one page of one kind of row, capped lists. */
export async function previewImportUpload(
  actor: Principal,
  query: ImportPreviewQuery,
): Promise<ImportPreview> {
  const file = await loadUpload(actor, query.file);
  const upload = { id: file.id, fileName: file.fileName, sha256: file.sha256 };
  const parsed = parseStaffCsv(file.content);
  if (!parsed.ok) return { upload, problem: parsed.problem, plan: null };
  const plan = await planStaffImport(getDb(), parsed.rows, actor, {
    deactivateMissing: query.deactivate === "1",
  });
  const ofKind = plan.rows.filter((row) => row.kind === query.kind);
  const pageCount = Math.max(1, Math.ceil(ofKind.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = ofKind
    .slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE)
    .map(({ row, email, name, kind, changes, problems }) => ({
      row,
      email,
      name,
      kind,
      changes,
      problems,
    }));
  return {
    upload,
    problem: null,
    plan: {
      counts: plan.counts,
      digest: plan.digest,
      activeStaff: plan.activeStaff,
      deactivationLimit: plan.deactivationLimit,
      needsConfirmation: needsDeactivationConfirmation(plan),
      departments: plan.departments.slice(0, PREVIEW_LIST_CAP),
      deactivate: plan.deactivate.slice(0, PREVIEW_LIST_CAP),
      rows,
      page,
      pageCount,
    },
  };
}

/** Commits a stored upload: refused unless it still has the sha-256 the preview showed. */
export async function commitImportUpload(actor: Principal, input: ImportCommitInput) {
  const file = await loadUpload(actor, input.fileId);
  if (sha256Of(file.content) !== input.sha256) throw new NotFoundError();
  const parsed = parseStaffCsv(file.content);
  if (!parsed.ok) throw new ValidationError({ file: parsed.problem.messageKey });
  return commitStaffImport(actor, parsed.rows, {
    ...input,
    source: { id: file.id, sha256: file.sha256 },
  });
}

/** The rows in error as a CSV download (row, e-mail, name, column, message), formula-safe. */
export async function importErrorReport(
  actor: Principal,
  fileId: string,
  t: (key: string) => string,
) {
  const file = await loadUpload(actor, fileId);
  const parsed = parseStaffCsv(file.content);
  let lines: CsvValue[][];
  if (!parsed.ok) {
    const { columns, messageKey } = parsed.problem;
    lines = [[1, "", "", columns.join(", "), t(messageKey)]];
  } else {
    const plan = await planStaffImport(getDb(), parsed.rows, actor, { deactivateMissing: false });
    lines = plan.rows.flatMap((row) =>
      row.problems.map((p) => [row.row, row.email, row.name, p.column, t(p.messageKey)]),
    );
  }
  const header = [
    t("org.import.row"),
    t("fields.email"),
    t("fields.name"),
    t("org.import.column"),
    t("org.import.problem"),
  ];
  return csvStream(
    header,
    (async function* () {
      yield lines;
    })(),
  );
}

/** The template: the header and one example row. */
export function importTemplateCsv() {
  return (
    "\uFEFF" +
    csvLine([...IMPORT_COLUMNS]) +
    csvLine([
      "ana.lima@example.com",
      "Ana Lima",
      "Customer Service/Call Centre",
      "Agent",
      "2026-01-15",
      "EMPLOYEE",
      "",
      "true",
    ]) +
    csvLine([
      "li.wei@example.com",
      "Li Wei",
      "Customer Service",
      "Team Lead",
      "2024-09-01",
      "MANAGER",
      "Customer Service/Call Centre",
      "true",
    ])
  );
}
