import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "~/lib/csv.server";
import { getDb } from "~/lib/db.server";
import { ForbiddenError } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import type { Principal } from "~/lib/permissions";
import {
  getPlayer,
  markLessonDone,
  recordManualCompletion,
  currentEnrolmentBatches,
  rebuildProgressStats,
  sweepOverdue,
  startAttempt,
  submitAttempt,
  sendManualReminders,
  createRule,
} from "~/modules/learning/index.server";
import { setUserActive, updateUser } from "~/modules/org/index.server";
import {
  exportReport,
  getDashboard,
  getPersonRecord,
  getSummary,
  listEnrolmentRows,
} from "~/modules/reports/index.server";
import { reportFiltersSchema } from "~/modules/reports";
import { makeDepartment, makeUser, principalFor } from "../support/factories";
import { correctAnswers, publishedCourse, ruleForm } from "../support/learning";

const DAY = 24 * 3600 * 1000;
const filters = (input: Record<string, string> = {}) => reportFiltersSchema.parse(input);

async function finish(userId: string, courseId: string, at: Date, lessons = Infinity) {
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons.slice(0, lessons)) {
    await markLessonDone(userId, courseId, lesson.id, at);
  }
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/**
 * Root → A → A1, and Root → B. Course X (two lessons, no quiz) for everyone under Root,
 * due ten days after it was assigned twenty days ago; course Y (one lesson, two
 * questions) for a1 and a, due in 30 days.
 */
async function knownTree() {
  const now = new Date();
  const t0 = new Date(now.getTime() - 20 * DAY);
  const hr = await principalFor("HR");
  const admin = await principalFor("ADMIN");
  const trainer = await principalFor("TRAINER");
  const root = await makeDepartment({ name: "Root" });
  const a = await makeDepartment({ name: "A", parentId: root.id });
  const a1 = await makeDepartment({ name: "A1", parentId: a.id });
  const b = await makeDepartment({ name: "B", parentId: root.id });
  const people = {
    a1: await makeUser({ departmentId: a1.id, name: "Ann One" }),
    a2: await makeUser({ departmentId: a1.id, name: "Ann Two" }),
    a: await makeUser({ departmentId: a.id, name: "Abe" }),
    b: await makeUser({ departmentId: b.id, name: "Bea" }),
    b2: await makeUser({ departmentId: b.id, name: "Bob Leaver" }),
  };
  const x = await publishedCourse(trainer, 2, 0);
  const y = await publishedCourse(trainer, 1, 2);
  await createRule(
    hr,
    ruleForm(x.id, { targetType: "DEPARTMENT", departmentId: root.id, dueDays: "10" }),
    t0,
  );
  await createRule(
    hr,
    ruleForm(y.id, { targetType: "PEOPLE", userIds: `${people.a1.id},${people.a.id}` }),
    t0,
  );
  // X: a1 on time, a2 half-way (overdue), a late, b nothing (overdue), b2 leaves.
  await finish(people.a1.id, x.id, new Date(t0.getTime() + 5 * DAY));
  await finish(people.a2.id, x.id, new Date(t0.getTime() + 2 * DAY), 1);
  await finish(people.a.id, x.id, new Date(t0.getTime() + 15 * DAY));
  await setUserActive(admin, people.b2.id, false);
  // Y: a1 passes with 100; a scores 50 (one of two wrong) and has not passed.
  await finish(people.a1.id, y.id, new Date(t0.getTime() + 3 * DAY));
  const first = await startAttempt(people.a1.id, y.id, new Date(t0.getTime() + 3 * DAY));
  await submitAttempt(
    people.a1.id,
    y.id,
    first,
    await correctAnswers(first),
    new Date(t0.getTime() + 3 * DAY + 60_000),
  );
  await finish(people.a.id, y.id, new Date(t0.getTime() + 4 * DAY));
  const second = await startAttempt(people.a.id, y.id, new Date(t0.getTime() + 4 * DAY));
  const answers = await correctAnswers(second);
  const [wrongId] = Object.keys(answers);
  answers[wrongId!] = { optionIds: [] };
  await submitAttempt(
    people.a.id,
    y.id,
    second,
    answers,
    new Date(t0.getTime() + 4 * DAY + 60_000),
  );
  return { now, hr, admin, trainer, root, a, a1, b, people, x, y };
}

const pick = (m: {
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  completionPct: number | null;
  onTimePct: number | null;
  averageScore: number | null;
}) => ({
  assigned: m.assigned,
  completed: m.completed,
  inProgress: m.inProgress,
  notStarted: m.notStarted,
  overdue: m.overdue,
  completionPct: m.completionPct,
  onTimePct: m.onTimePct,
  averageScore: m.averageScore,
});

describe("completion dashboard", () => {
  it("rolls counters up the department tree (hand-computed)", async () => {
    const tree = await knownTree();
    const dashboard = await getDashboard(tree.hr, filters({ department: tree.root.id }), tree.now);
    const row = (name: string) => pick(dashboard.departments.find((d) => d.name === name)!.metrics);

    expect(dashboard.departments.map((d) => [d.name, d.depth])).toEqual([
      ["Root", 0],
      ["A", 1],
      ["A1", 2],
      ["B", 1],
    ]);
    // A1: a1 (X done on time, Y done 100), a2 (X half, overdue).
    expect(row("A1")).toEqual({
      assigned: 3,
      completed: 2,
      inProgress: 1,
      notStarted: 0,
      overdue: 1,
      completionPct: 66.7,
      onTimePct: 100,
      averageScore: 100,
    });
    // A adds a: X late, Y in progress with 50.
    expect(row("A")).toEqual({
      assigned: 5,
      completed: 3,
      inProgress: 2,
      notStarted: 0,
      overdue: 1,
      completionPct: 60,
      onTimePct: 66.7,
      averageScore: 75,
    });
    // B: only b (b2 left, so not counted).
    expect(row("B")).toEqual({
      assigned: 1,
      completed: 0,
      inProgress: 0,
      notStarted: 1,
      overdue: 1,
      completionPct: 0,
      onTimePct: null,
      averageScore: null,
    });
    expect(row("Root")).toEqual({
      assigned: 6,
      completed: 3,
      inProgress: 2,
      notStarted: 1,
      overdue: 2,
      completionPct: 50,
      onTimePct: 66.7,
      averageScore: 75,
    });
    expect(pick(dashboard.total)).toEqual(row("Root"));

    const byCourse = (id: string) => pick(dashboard.courses.find((c) => c.id === id)!.metrics);
    expect(byCourse(tree.x.id)).toMatchObject({ assigned: 4, completed: 2, overdue: 2 });
    expect(byCourse(tree.y.id)).toMatchObject({ assigned: 2, completed: 1, averageScore: 75 });

    // Without sub-departments, A is only its own person.
    const onlyA = await getSummary(tree.hr, filters({ department: tree.a.id, sub: "0" }), tree.now);
    expect(pick(onlyA)).toMatchObject({ assigned: 2, completed: 1, inProgress: 1 });
    // A course filter narrows every number.
    const onlyY = await getSummary(
      tree.hr,
      filters({ department: tree.root.id, course: tree.y.id }),
      tree.now,
    );
    expect(pick(onlyY)).toMatchObject({ assigned: 2, completed: 1, averageScore: 75 });
    // Completions over time count a month per completion.
    const months = dashboard.charts.completionsOverTime;
    expect(months.reduce((sum, m) => sum + m.completions, 0)).toBe(3);
  });

  it("keeps the counters equal to a full recount after moves, removals and completions", async () => {
    const tree = await knownTree();
    // b moves into A1: the counters follow the person.
    await updateUser(tree.admin, tree.people.b.id, {
      name: "Bea",
      email: (await getDb().user.findUniqueOrThrow({ where: { id: tree.people.b.id } })).email,
      role: "EMPLOYEE",
      departmentId: tree.a1.id,
      jobTitle: "",
      hireDate: null,
      preferredLanguage: "",
      temporaryPassword: "",
      managedDepartmentIds: [],
    });
    const enrolment = await getDb().enrolment.findFirstOrThrow({
      where: { userId: tree.people.a2.id, courseId: tree.x.id },
    });
    await recordManualCompletion(tree.hr, { enrolmentId: enrolment.id, note: "Classroom session" });
    const snapshot = () =>
      Promise.all([
        getDb().progressStat.findMany({
          orderBy: [{ departmentId: "asc" }, { courseId: "asc" }, { month: "asc" }],
        }),
        getDb().progressTotal.findMany({ orderBy: [{ departmentId: "asc" }, { courseId: "asc" }] }),
      ]);
    const incremental = await snapshot();
    await rebuildProgressStats();
    expect(await snapshot()).toEqual(incremental);
    const a1 = await getSummary(tree.hr, filters({ department: tree.a1.id }));
    expect(pick(a1)).toMatchObject({ assigned: 4, completed: 3, notStarted: 1 });
  });

  it("filters by month of assignment", async () => {
    const tree = await knownTree();
    const month = (offset: number) =>
      new Date(tree.now.getTime() + offset * 31 * DAY).toISOString().slice(0, 7);
    const before = await getSummary(
      tree.hr,
      filters({ department: tree.root.id, to: month(-3) }),
      tree.now,
    );
    expect(before.assigned).toBe(0);
    const around = await getSummary(
      tree.hr,
      filters({ department: tree.root.id, from: month(-2), to: month(1) }),
      tree.now,
    );
    expect(around.assigned).toBe(6);
  });
});

describe("overdue", () => {
  it("counts enrolments that fell due after the counters were stored, before and after the sweep", async () => {
    const tree = await knownTree();
    // Y (a: in progress) is due 30 days after t0, i.e. ten days from now.
    const later = new Date(tree.now.getTime() + 11 * DAY);
    const f = filters({ department: tree.root.id });
    expect((await getSummary(tree.hr, f, tree.now)).overdue).toBe(2);
    expect((await getSummary(tree.hr, f, later)).overdue).toBe(3);
    const dashboard = await getDashboard(tree.hr, f, later);
    expect(dashboard.departments.find((d) => d.name === "A")!.metrics.overdue).toBe(2);
    expect(dashboard.courses.find((c) => c.id === tree.y.id)!.metrics.overdue).toBe(1);
    // The job moves the stored counts forward; the numbers stay the same.
    expect(await sweepOverdue(later)).toBeGreaterThan(0);
    const stored = await getDb().progressTotal.aggregate({
      _sum: { overdue: true },
      where: { courseId: tree.y.id },
    });
    expect(stored._sum.overdue).toBe(1);
    expect((await getSummary(tree.hr, f, later)).overdue).toBe(3);
    // The overdue list agrees with the counters.
    const list = await listEnrolmentRows(tree.hr, { ...f, status: "OVERDUE" }, later);
    expect(list.total).toBe(3);
    expect(list.rows).toHaveLength(3);
  });
});

describe("manager scope", () => {
  it("never shows or exports people outside the manager's tree", async () => {
    const tree = await knownTree();
    const managerUser = await makeUser({
      role: "MANAGER",
      departmentId: tree.a.id,
      manages: [tree.a.id],
    });
    const manager: Principal = {
      id: managerUser.id,
      role: "MANAGER",
      scopeDepartmentIds: [tree.a.id, tree.a1.id],
    };
    const dashboard = await getDashboard(manager, filters(), tree.now);
    expect(dashboard.departments.map((d) => d.name)).toEqual(["A", "A1"]);
    expect(dashboard.total.assigned).toBe(5);

    const rows = await listEnrolmentRows(manager, filters(), tree.now);
    const names = new Set(rows.rows.map((r) => r.name));
    expect(names).toEqual(new Set(["Ann One", "Ann Two", "Abe"]));

    const t = await getFixedT("en");
    const csv = await readAll((await exportReport(manager, "enrolments", filters(), t)).body);
    expect(csv).toContain("Ann One");
    expect(csv).not.toContain("Bea");
    expect(csv).not.toContain("Bob Leaver");
    const departmentsCsv = await readAll(
      (await exportReport(manager, "departments", filters(), t)).body,
    );
    expect(departmentsCsv).not.toMatch(/^B,/m);
    expect(departmentsCsv).not.toContain("Root");

    await expect(getDashboard(manager, filters({ department: tree.b.id }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      getDashboard(manager, filters({ department: tree.root.id })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPersonRecord(manager, tree.people.b.id, 1)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      exportReport(manager, "person", filters(), t, tree.people.b.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const bEnrolment = await getDb().enrolment.findFirstOrThrow({
      where: { userId: tree.people.b.id },
    });
    await expect(
      sendManualReminders({ ...manager, name: "M" }, [bEnrolment.id]),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      recordManualCompletion(manager, { enrolmentId: bEnrolment.id, note: "not mine" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows a person's whole record, history included", async () => {
    const tree = await knownTree();
    const record = await getPersonRecord(tree.hr, tree.people.a.id, 1, tree.now);
    expect(record.summary).toMatchObject({ assigned: 2, completed: 1, inProgress: 1 });
    const y = record.enrolments.find((e) => e.courseId === tree.y.id)!;
    expect(y.attempts).toEqual([expect.objectContaining({ number: 1, score: 50, passed: false })]);
    const x = record.enrolments.find((e) => e.courseId === tree.x.id)!;
    expect(x.certificate?.code).toMatch(/^[A-Z0-9]{20}$/);
  });
});

describe("CSV", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe('"\'\rcmd"');
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""x"")"',
    );
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("Plain name")).toBe("Plain name");
    expect(csvCell("张伟")).toBe("张伟");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("streams UTF-8 with a byte-order mark, batch by batch", async () => {
    let pulled = 0;
    async function* batches() {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield [[`张伟 ${i}`, i]];
      }
    }
    const stream = csvStream(["名字", "n"], batches());
    const reader = stream.getReader();
    const first = await reader.read();
    expect(pulled).toBe(0); // the header goes out before any batch is read
    const bytes = first.value!;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let text = decoder.decode(bytes);
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      text += decoder.decode(next.value);
    }
    expect(text).toBe("\uFEFF名字,n\r\n张伟 0,0\r\n张伟 1,1\r\n张伟 2,2\r\n");
  });

  it("exports hostile names safely", async () => {
    const tree = await knownTree();
    await getDb().user.update({
      where: { id: tree.people.b.id },
      data: { name: "=cmd|'/C calc'!A0" },
    });
    const t = await getFixedT("en");
    const csv = await readAll(
      (await exportReport(tree.hr, "enrolments", filters({ department: tree.b.id }), t)).body,
    );
    expect(csv).toContain("'=cmd|'/C calc'!A0");
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it("exports the rows of the on-screen list, for every filter and scope", async () => {
    const tree = await knownTree();
    const t = await getFixedT("en");
    // A score that is not a whole number reads back from the packed text unchanged.
    await getDb().enrolment.updateMany({
      where: { userId: tree.people.a.id, courseId: tree.y.id },
      data: { bestScore: 66.7 },
    });
    // A completion whose certificate has expired shows as EXPIRED.
    await getDb().enrolment.updateMany({
      where: { userId: tree.people.a1.id, courseId: tree.x.id },
      data: { expiresAt: new Date(tree.now.getTime() - DAY) },
    });
    const month = (offset: number) =>
      new Date(tree.now.getTime() + offset * 31 * DAY).toISOString().slice(0, 7);
    const manager: Principal = {
      id: tree.hr.id,
      role: "MANAGER",
      scopeDepartmentIds: [tree.a.id, tree.a1.id],
    };
    const cases: [Principal, Record<string, string>][] = [
      [tree.hr, {}],
      [tree.hr, { status: "OVERDUE" }],
      [tree.hr, { status: "COMPLETED" }],
      [tree.hr, { status: "IN_PROGRESS" }],
      [tree.hr, { status: "NOT_STARTED" }],
      [tree.hr, { status: "EXPIRED" }],
      [tree.hr, { q: "ann" }],
      [tree.hr, { q: "nobody" }],
      [tree.hr, { course: tree.y.id }],
      [tree.hr, { from: month(-2), to: month(1) }],
      [tree.hr, { to: month(-3) }],
      [tree.hr, { department: tree.a.id, sub: "0" }],
      [manager, {}],
      [manager, { status: "OVERDUE" }],
    ];
    let compared = 0;
    for (const [viewer, input] of cases) {
      // Only this test's tree (the file's database holds other tests' people too).
      const f = filters(viewer === tree.hr ? { department: tree.root.id, ...input } : input);
      const list = await listEnrolmentRows(viewer, f);
      const expected = list.rows.map((row) =>
        csvLine([
          row.name,
          row.email,
          row.department,
          row.courseTitle,
          t(`learning.status.${row.status}`),
          row.assignedAt.slice(0, 10),
          row.dueAt?.slice(0, 10),
          row.completedAt?.slice(0, 10),
          row.progressPct,
          row.bestScore,
        ]),
      );
      const csv = await readAll((await exportReport(viewer, "enrolments", f, t)).body);
      const lines = csv
        .split("\r\n")
        .slice(1, -1)
        .map((line) => `${line}\r\n`);
      expect(lines.sort(), JSON.stringify(input)).toEqual(expected.sort());
      compared += lines.length;
    }
    expect(compared).toBeGreaterThan(20);
    const expired = await readAll(
      (await exportReport(tree.hr, "enrolments", filters({ status: "EXPIRED" }), t)).body,
    );
    expect(expired).toContain(`,${t("learning.status.EXPIRED")},`);
  });

  it("reads the same enrolments whether the id lists go into the SQL or are checked in code", async () => {
    const tree = await knownTree();
    const people = Object.values(tree.people).map((p) => p.id);
    // Over the statement's parameter budget: checked in code instead.
    const padding = Array.from({ length: 1000 }, (_, i) => `missing-${i}`);
    const read = async (lists: {
      userIds: string[];
      departmentIds: string[];
      courseIds: string[];
    }) => {
      const rows = [];
      const query = {
        ...lists,
        userIds: new Set(lists.userIds),
        assignedFrom: null,
        assignedBefore: null,
        status: undefined,
        now: new Date(),
      };
      // Tiny pages and batches: the keyset continues across queries.
      for await (const batch of currentEnrolmentBatches(query, 2, 3)) rows.push(...batch);
      return rows;
    };
    const departments = [tree.root.id, tree.a.id, tree.a1.id, tree.b.id];
    const courses = [tree.x.id, tree.y.id];
    const inSql = await read({ userIds: people, departmentIds: departments, courseIds: courses });
    // Every current enrolment of these people (the caller leaves inactive people out).
    const current = await getDb().enrolment.findMany({
      where: { userId: { in: people }, status: { not: "WITHDRAWN" }, renewedAt: null },
      orderBy: { id: "asc" },
      select: { userId: true, courseId: true },
    });
    expect(current.length).toBeGreaterThan(3);
    expect(inSql.map((r) => ({ userId: r.userId, courseId: r.courseId }))).toEqual(current);
    for (const lists of [
      { userIds: [...people, ...padding], departmentIds: departments, courseIds: courses },
      { userIds: people, departmentIds: [...departments, ...padding], courseIds: courses },
      { userIds: people, departmentIds: departments, courseIds: [...courses, ...padding] },
    ]) {
      expect(await read(lists)).toEqual(inSql);
    }
    const someone = await read({
      userIds: [tree.people.a.id, ...padding],
      departmentIds: [...departments, ...padding],
      courseIds: [tree.y.id],
    });
    expect(someone).toEqual([
      expect.objectContaining({ userId: tree.people.a.id, status: "IN_PROGRESS", bestScore: 50 }),
    ]);
    expect(await read({ userIds: [], departmentIds: departments, courseIds: courses })).toEqual([]);
  });
});

describe("audit trail for training changes", () => {
  it("lists rules, publishing, manual completions and reminders, filterable by actor, type and date", async () => {
    const { listAuditEvents } = await import("~/modules/audit/audit.server");
    const { auditQuerySchema } = await import("~/modules/audit/schemas");
    const tree = await knownTree();
    const hrUser = await getDb().user.findUniqueOrThrow({ where: { id: tree.hr.id } });
    const open = await getDb().enrolment.findFirstOrThrow({
      where: { userId: tree.people.b.id, courseId: tree.x.id },
    });
    await sendManualReminders({ ...tree.hr, name: hrUser.name }, [open.id]);
    await recordManualCompletion(tree.hr, { enrolmentId: open.id, note: "Classroom, 3 Nov" });

    const query = (input: Record<string, string>) => auditQuerySchema.parse(input);
    const byHr = await listAuditEvents(query({ actor: tree.hr.id }));
    expect(byHr.events.map((e) => e.action).sort()).toEqual([
      "assignment.create",
      "assignment.create",
      "enrolment.complete_manual",
      "reminder.send",
    ]);
    const enrolmentEvents = await listAuditEvents(
      query({ actor: tree.hr.id, subjectType: "Enrolment" }),
    );
    expect(enrolmentEvents.events.map((e) => e.action).sort()).toEqual([
      "enrolment.complete_manual",
      "reminder.send",
    ]);
    expect(
      enrolmentEvents.events.find((e) => e.action === "enrolment.complete_manual")?.after,
    ).toContain("Classroom, 3 Nov");
    const published = await listAuditEvents(query({ actor: tree.trainer.id, action: "publish" }));
    expect(published.events).toHaveLength(2);
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    expect((await listAuditEvents(query({ actor: tree.hr.id, from: tomorrow }))).total).toBe(0);
  });
});
