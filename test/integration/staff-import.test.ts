import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import { createRule } from "~/modules/learning/index.server";
import {
  acceptInvitation,
  commitStaffImport,
  findInvitation,
  importErrorReport,
  parseStaffCsv,
  planStaffImport,
  type ImportActor,
} from "~/modules/org/index.server";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { openEnrolments, publishedCourse, ruleForm } from "../support/learning";
import { allowInserts, raisedBy, refuseInserts } from "../support/refuse-inserts";

const HEADER = "email,name,department,job title,hire date,role,manager of,active";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const source = { id: "test", sha256: "0".repeat(64) };

function rowsOf(text: string) {
  const parsed = parseStaffCsv(text);
  if (!parsed.ok) throw new Error(parsed.problem.messageKey);
  return parsed.rows;
}

const preview = (actor: ImportActor, text: string, deactivateMissing = false) =>
  planStaffImport(getDb(), rowsOf(text), actor, { deactivateMissing });

const commit = (actor: ImportActor, text: string, options: Partial<Record<string, boolean>> = {}) =>
  commitStaffImport(actor, rowsOf(text), {
    deactivateMissing: options.deactivateMissing ?? false,
    confirmDeactivation: options.confirmDeactivation ?? false,
    source,
  });

async function tableCounts() {
  const db = getDb();
  const [users, departments, enrolments, audit, outbox, managers] = await Promise.all([
    db.user.count(),
    db.department.count(),
    db.enrolment.count(),
    db.auditEvent.count(),
    db.outboxEmail.count(),
    db.departmentManager.count(),
  ]);
  return { users, departments, enrolments, audit, outbox, managers };
}

describe("staff import: reading the file", () => {
  it("reads a BOM and semicolons, and refuses unknown and missing columns clearly", () => {
    const text = "\uFEFFE-Mail;Name;Department Path\nA@Example.test;Ana;Sales/North\n";
    const parsed = parseStaffCsv(text.replace("E-Mail", "email"));
    expect(parsed.ok && parsed.rows[0]!.values).toMatchObject({
      email: "a@example.test",
      department: ["Sales", "North"],
      active: true,
    });
    expect(parseStaffCsv("email;name;dept;shoe size\nx;y;z;1")).toEqual({
      ok: false,
      problem: { messageKey: "org.import.unknownColumns", columns: ["dept", "shoe size"] },
    });
    expect(parseStaffCsv("email,name\nx,y")).toEqual({
      ok: false,
      problem: { messageKey: "org.import.missingColumns", columns: ["department"] },
    });
    expect(parseStaffCsv('email,name,department\n"open,quote').ok).toBe(false);
  });

  it("refuses hostile cells row by row: long names, bad dates, unknown roles, duplicates", () => {
    const rows = rowsOf(
      csv(
        `long@example.test,${"x".repeat(10_000)},Sales,,,,,`,
        "date@example.test,Dee,Sales,,2026-02-30,,,",
        "role@example.test,Rho,Sales,,,OVERLORD,,",
        "Twin@example.test,Twin One,Sales,,,,,",
        " twin@EXAMPLE.test ,Twin Two,Sales,,,,,",
        'ok@example.test,=HYPERLINK("http://evil.example"),Sales,,,,,maybe',
      ),
    );
    const problems = rows.map((row) => row.problems.map((p) => `${p.column}:${p.messageKey}`));
    expect(problems).toEqual([
      ["name:validation.tooLong"],
      ["hire date:validation.date"],
      ["role:org.import.unknownRole"],
      ["email:org.import.duplicateEmail"],
      ["email:org.import.duplicateEmail"],
      ["active:org.import.badActive"],
    ]);
  });
});

describe("staff import: preview and commit", () => {
  it("previews without writing: creates, updates with old → new, unchanged, departments parent-first", async () => {
    const hr = await principalFor("HR");
    const sales = await makeDepartment({ name: "Sales" });
    await makeUser({ email: "kept@example.test", name: "Kept", departmentId: sales.id });
    await getDb().user.updateMany({
      where: { email: "kept@example.test" },
      data: { jobTitle: "Rep" },
    });
    await makeUser({ email: "moved@example.test", name: "Moved", departmentId: sales.id });
    const before = await tableCounts();
    const plan = await preview(
      hr,
      csv(
        "kept@example.test,Kept,Sales,Rep,,EMPLOYEE,,true",
        "moved@example.test,Moved,Support/Call Centre/Night,,,,,",
        "new@example.test,Nina New,Support/Call Centre,Agent,2026-03-01,,,",
      ),
    );
    expect(await tableCounts()).toEqual(before);
    expect(plan.rows.map((r) => r.kind)).toEqual(["unchanged", "update", "create"]);
    expect(plan.rows[1]!.changes).toEqual([
      { field: "department", before: "Sales", after: "Support/Call Centre/Night" },
    ]);
    expect(plan.departments.map((d) => [d.path, d.parentPath])).toEqual([
      ["Support", null],
      ["Support/Call Centre", "Support"],
      ["Support/Call Centre/Night", "Support/Call Centre"],
    ]);
  });

  it("commits in one transaction with enrolments, invitations and one audit entry; re-import writes nothing", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    await createRule(hr, ruleForm(course.id, { newHiresOnly: "on", dueDays: "14" }));
    const text = csv(
      "ana@example.test,Ana,Support/Call Centre,Agent,,,,",
      "lee@example.test,Lee,Support,Lead,,MANAGER,Support/Call Centre,",
      "bad@example.test,Bad,Support,,,,Nowhere,",
    );
    const result = await commit(hr, text);
    expect(result).toMatchObject({
      written: true,
      counts: { create: 2, error: 1, departments: 2 },
    });
    const db = getDb();
    const ana = await db.user.findUniqueOrThrow({
      where: { email: "ana@example.test" },
      include: { department: { include: { parent: true } } },
    });
    expect(ana).toMatchObject({ passwordHash: null, jobTitle: "Agent", role: "EMPLOYEE" });
    expect(ana.department?.parent?.name).toBe("Support");
    const lee = await db.user.findUniqueOrThrow({
      where: { email: "lee@example.test" },
      include: { managedDepartments: true },
    });
    expect(lee.managedDepartments.map((m) => m.departmentId)).toEqual([ana.departmentId]);
    const enrolled = (await openEnrolments(course.id)).map((e) => e.userId).sort();
    expect(enrolled).toEqual(expect.arrayContaining([ana.id, lee.id]));
    const emails = await db.outboxEmail.findMany({ where: { eventType: "INVITATION" } });
    expect(emails.map((e) => e.toAddress).sort()).toEqual(["ana@example.test", "lee@example.test"]);
    const audit = await db.auditEvent.findMany({ where: { action: "user.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ create: 2, update: 0, error: 1, departments: 2 });

    const before = await tableCounts();
    const again = await commit(hr, text);
    expect(again).toMatchObject({ written: false, counts: { create: 0, update: 0, unchanged: 2 } });
    expect(await tableCounts()).toEqual(before);
  });

  it("rolls everything back when a later write fails", async () => {
    const hr = await principalFor("HR");
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer);
    await createRule(hr, ruleForm(course.id));
    const before = await tableCounts();
    // A department code taken between plan and write makes the department insert fail
    // after nothing else, and the enrolment insert fail after the people: both roll back.
    const rows = rowsOf(csv("zed@example.test,Zed,Zulu,,,,,"));
    const plan = await planStaffImport(getDb(), rows, hr, { deactivateMissing: false });
    await makeDepartment({ name: "Other", code: plan.departments[0]!.code });
    const after = await tableCounts();
    await refuseInserts("Enrolment", "fail_enrolment", "boom");
    try {
      await expect(commit(hr, csv("zed@example.test,Zed,Other,,,,,"))).rejects.toSatisfy(
        raisedBy("boom"),
      );
    } finally {
      await allowInserts("Enrolment", "fail_enrolment");
    }
    expect(await tableCounts()).toEqual(after);
    expect(after.departments).toBe(before.departments + 1);
    expect(await getDb().user.count({ where: { email: "zed@example.test" } })).toBe(0);
  });

  it("deactivates missing staff only within the limit unless confirmed again", async () => {
    const hr = await principalFor("HR");
    const dept = await makeDepartment({ name: "Ops" });
    for (let i = 0; i < 3; i++)
      await makeUser({ email: `p${i}@example.test`, departmentId: dept.id });
    const admin = await makeUser({ role: "ADMIN", email: "boss@example.test" });
    const text = csv("p0@example.test,P Zero,Ops,,,,,");
    const plan = await preview(hr, text, true);
    const missing = plan.deactivate.map((p) => p.email);
    expect(missing).toEqual(expect.arrayContaining(["p1@example.test", "p2@example.test"]));
    expect(missing).not.toContain("p0@example.test");
    expect(missing).not.toContain("boss@example.test");
    expect(plan.deactivate.map((p) => p.id)).not.toContain(hr.id);
    await expect(commit(hr, text, { deactivateMissing: true })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await getDb().user.count({ where: { active: false } })).toBe(0);
    await commit(hr, text, { deactivateMissing: true, confirmDeactivation: true });
    const inactive = await getDb().user.findMany({
      where: { active: false },
      select: { email: true },
    });
    expect(inactive.map((u) => u.email)).toEqual(expect.arrayContaining(missing));
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });

  it("never makes, unmakes or deactivates an administrator, nor changes the importer's own role", async () => {
    const hr = await principalFor("HR");
    const dept = await makeDepartment({ name: "Ops" });
    await makeUser({ role: "ADMIN", email: "root@example.test", departmentId: dept.id });
    const self = await getDb().user.findUniqueOrThrow({ where: { id: hr.id } });
    const plan = await preview(
      hr,
      csv(
        "up@example.test,Up,Ops,,,ADMIN,,",
        "root@example.test,Root,Ops,,,EMPLOYEE,,",
        `${self.email},Me,Ops,,,MANAGER,,`,
      ),
    );
    expect(plan.rows.map((r) => r.problems.map((p) => p.messageKey)[0])).toEqual([
      "org.import.adminRoleRefused",
      "org.import.adminRoleRefused",
      "org.user.cannotChangeOwnRole",
    ]);
  });

  it("stores formulas as plain text and keeps the error report formula-safe", async () => {
    const hr = await principalFor("HR");
    const text = csv(
      'f@example.test,"=HYPERLINK(""http://evil.example"")",Sales,,,,,',
      "g@example.test,=1+2,Sales,,,GOD,,",
    );
    await commit(hr, text);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "f@example.test" } });
    expect(user.name).toBe('=HYPERLINK("http://evil.example")');
    const file = await getDb().staffImportFile.create({
      data: { sha256: "x", fileName: "f.csv", content: text, uploadedById: hr.id },
    });
    const report = await new Response(await importErrorReport(hr, file.id, (key) => key)).text();
    expect(report.split("\r\n")).toEqual([
      "org.import.row,fields.email,fields.name,org.import.column,org.import.problem",
      "3,g@example.test,'=1+2,role,org.import.unknownRole",
      "",
    ]);
  });

  it("refuses a commit whose plan changed since the preview", async () => {
    const hr = await principalFor("HR");
    const rows = rowsOf(csv("late@example.test,Late,Sales,,,,,"));
    const plan = await planStaffImport(getDb(), rows, hr, { deactivateMissing: false });
    await makeUser({ email: "late@example.test" });
    await expect(
      commitStaffImport(hr, rows, {
        deactivateMissing: false,
        confirmDeactivation: false,
        planDigest: plan.digest,
        source,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets an invited person set their password once", async () => {
    const hr = await principalFor("HR");
    await commit(hr, csv("inv@example.test,Ivy,Sales,,,,,"));
    const email = await getDb().outboxEmail.findFirstOrThrow({
      where: { toAddress: "inv@example.test" },
    });
    const token = /\/invite\/([\w-]+)/.exec(email.body)![1]!;
    expect(await findInvitation(token)).toMatchObject({ name: "Ivy" });
    await acceptInvitation(token, { password: "Fresh-password-77" }, "203.0.113.9");
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "inv@example.test" } });
    expect(user.passwordHash).toBeTruthy();
    expect(await findInvitation(token)).toBeNull();
    await expect(
      acceptInvitation(token, { password: "Fresh-password-78" }, "203.0.113.9"),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("staff import: command line", () => {
  const run = promisify(execFile);
  it("prints the preview, writes only with --commit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "staff.csv");
    fs.writeFileSync(file, csv("cli@example.test,Cli Person,Finance/Payroll,,,,,"));
    const cli = (...args: string[]) =>
      run("npx", ["tsx", "scripts/import.ts", file, ...args], { env: process.env });
    const previewRun = await cli();
    expect(previewRun.stdout).toContain("Rows: 1 to create");
    expect(previewRun.stdout).toContain("+ Finance/Payroll");
    expect(await getDb().user.count({ where: { email: "cli@example.test" } })).toBe(0);
    const commitRun = await cli("--commit");
    expect(commitRun.stdout).toContain("Imported.");
    expect(await getDb().user.count({ where: { email: "cli@example.test" } })).toBe(1);
    expect((await cli("--commit")).stdout).toContain("nothing was written");
  }, 60_000);
});
