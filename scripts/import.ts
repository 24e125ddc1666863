// npm run import -- FILE [--commit] [--deactivate-missing] [--confirm-deactivation]
// Prints the preview of a staff CSV (decision 025); writes only with --commit, in one
// transaction, with the command line's full rights. Exits 1 when the file or commit is refused.
import "~/subscribers.server";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import {
  commitStaffImport,
  decodeUtf8,
  needsDeactivationConfirmation,
  parseStaffCsv,
  planStaffImport,
  sha256Of,
  type ImportPlan,
} from "~/modules/org/index.server";
import { ROW_KINDS } from "~/modules/org";

const SHOWN_PER_KIND = 20;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    commit: { type: "boolean", default: false },
    "deactivate-missing": { type: "boolean", default: false },
    "confirm-deactivation": { type: "boolean", default: false },
  },
});
const t = await getFixedT("en");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function printPlan(plan: ImportPlan) {
  const c = plan.counts;
  console.log(
    `Rows: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.error} in error.`,
  );
  console.log(`Departments to create (parents first): ${c.departments}`);
  for (const d of plan.departments) console.log(`  + ${d.path} [${d.code}]`);
  for (const kind of ROW_KINDS.filter((k) => k !== "unchanged")) {
    const rows = plan.rows.filter((row) => row.kind === kind);
    const shown = kind === "error" ? rows : rows.slice(0, SHOWN_PER_KIND);
    for (const row of shown) {
      const detail =
        kind === "error"
          ? row.problems.map((p) => `${p.column}: ${t(p.messageKey)}`).join("; ")
          : row.changes.map((ch) => `${ch.field} "${ch.before}" → "${ch.after}"`).join("; ");
      console.log(`  ${kind} row ${row.row} ${row.email}${detail ? ` — ${detail}` : ""}`);
    }
    if (shown.length < rows.length) console.log(`  … and ${rows.length - shown.length} more`);
  }
  if (values["deactivate-missing"]) {
    console.log(
      `To deactivate (missing from the file): ${c.deactivate} of ${plan.activeStaff} active ` +
        `(limit without confirmation: ${plan.deactivationLimit})`,
    );
    for (const person of plan.deactivate.slice(0, SHOWN_PER_KIND)) {
      console.log(`  - ${person.email} ${person.name}`);
    }
  }
}

const file = positionals[0];
if (!file)
  fail("Usage: npm run import -- FILE [--commit] [--deactivate-missing] [--confirm-deactivation]");
const text = decodeUtf8(fs.readFileSync(file));
if (text === null) fail(t("org.import.notUtf8"));
const parsed = parseStaffCsv(text);
if (!parsed.ok) fail(`${t(parsed.problem.messageKey)} ${parsed.problem.columns.join(", ")}`.trim());
const options = { deactivateMissing: values["deactivate-missing"]! };
const plan = await planStaffImport(getDb(), parsed.rows, null, options);
printPlan(plan);
if (!values.commit) {
  console.log("Preview only: nothing was written (add --commit to import).");
} else if (needsDeactivationConfirmation(plan) && !values["confirm-deactivation"]) {
  fail(t("org.import.confirmDeactivationRequired"));
} else {
  try {
    const result = await commitStaffImport(null, parsed.rows, {
      ...options,
      confirmDeactivation: values["confirm-deactivation"]!,
      planDigest: plan.digest,
      source: { id: file, sha256: sha256Of(text) },
    });
    console.log(result.written ? "Imported." : "Nothing to change: nothing was written.");
  } catch (error) {
    if (error instanceof AppError) fail(t(error.messageKey));
    throw error;
  }
}
await disconnectDb();
