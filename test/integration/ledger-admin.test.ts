import { describe, expect, it } from "vitest";
import { getDb, type PointsKind } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import {
  adjustPoints,
  balanceOf,
  isLeaderboardHidden,
  LEDGER_PAGE_SIZE,
  ledgerExportBatches,
  listLedger,
  POINTS_ADJUST_ACTION,
  verifyTotals,
  writeEntry,
} from "~/modules/incentives/index.server";
import { ledgerQuerySchema } from "~/modules/incentives";
import * as exportRoute from "~/routes/rewards/ledger-export";
import * as peopleRoute from "~/routes/rewards/ledger-people";
import * as ledgerRoute from "~/routes/rewards/ledger";
import * as settingsRoute from "~/routes/settings/index";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";

// HR's ledger (decision 036): filters, pages and the total; the CSV export; adjustments
// (validation, never below 0, one entry per form key, audited and notified); who may open
// what; and the leaderboard privacy setting.

async function signedIn(role: Role, data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ role, ...data });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

const principalOf = (user: { id: string; role: Role }) => ({
  id: user.id,
  role: user.role,
  scopeDepartmentIds: [] as string[],
});

let sequence = 0;
async function entry(
  userId: string,
  points: number,
  kind: PointsKind,
  sourceType: string,
  at: Date,
  reason = "",
) {
  await getDb().$transaction((tx) =>
    writeEntry(tx, { userId, points, kind, sourceType, sourceId: `s${++sequence}`, reason, at }),
  );
}

const query = (raw: Record<string, string>) => ledgerQuerySchema.parse(raw);

type Answer = {
  ok: boolean;
  fieldErrors?: Record<string, string>;
  entryId?: string;
  balance?: number;
};
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);

async function csvOf(response: unknown) {
  const text = await (response as Response).text();
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
}

describe("HR's ledger", () => {
  it("filters by person, kind, source and UTC days, newest first, paged, with the total", async () => {
    const hr = principalOf(await makeUser({ role: "HR" }));
    const ann = await makeUser({ name: "Ann Ledger" });
    const bob = await makeUser({ name: "Bob Ledger" });
    await entry(ann.id, 50, "EARNED", "COURSE_COMPLETED", new Date("2026-10-31T23:59:59Z"));
    await entry(ann.id, 20, "EARNED", "QUIZ_PERFECT", new Date("2026-11-01T00:00:00Z"));
    await entry(ann.id, -30, "HELD", "REDEMPTION", new Date("2026-11-15T12:00:00Z"));
    await entry(ann.id, 5, "ADJUSTMENT", "ADJUSTMENT", new Date("2026-11-30T23:59:59Z"));
    await entry(ann.id, 7, "EARNED", "COURSE_COMPLETED", new Date("2026-12-01T00:00:00Z"));
    await entry(bob.id, 100, "EARNED", "COURSE_COMPLETED", new Date("2026-11-10T00:00:00Z"));

    const all = await listLedger(hr, query({ person: ann.id }));
    expect(all.total).toBe(5);
    expect(all.totalPoints).toBe(52);
    expect(all.entries.map((row) => row.points)).toEqual([7, 5, -30, 20, 50]);
    expect(all.entries[0]!.person).toMatchObject({ id: ann.id, name: "Ann Ledger" });

    // November, both ends included (UTC).
    const november = await listLedger(
      hr,
      query({ person: ann.id, from: "2026-11-01", to: "2026-11-30" }),
    );
    expect(november.entries.map((row) => row.points)).toEqual([5, -30, 20]);
    expect(november.totalPoints).toBe(-5);
    const earned = await listLedger(hr, query({ person: ann.id, kind: "EARNED" }));
    expect(earned.entries.map((row) => row.points)).toEqual([7, 20, 50]);
    const courses = await listLedger(hr, query({ source: "COURSE_COMPLETED", from: "2026-11-01" }));
    expect(courses.entries.map((row) => [row.person.id, row.points])).toEqual([
      [ann.id, 7],
      [bob.id, 100],
    ]);
    expect(courses.totalPoints).toBe(107);
    // A bad filter is "all", not an error.
    const garbage = await listLedger(
      hr,
      query({ person: ann.id, kind: "STOLEN", from: "2026-02-31" }),
    );
    expect(garbage.total).toBe(5);

    const many = await makeUser();
    for (let i = 0; i < LEDGER_PAGE_SIZE + 2; i++) {
      await entry(many.id, i + 1, "EARNED", "IDEA_SUBMITTED", new Date(Date.UTC(2026, 5, 1, 0, i)));
    }
    const first = await listLedger(hr, query({ person: many.id }));
    const second = await listLedger(hr, query({ person: many.id, page: "2" }));
    expect(first).toMatchObject({ total: LEDGER_PAGE_SIZE + 2, page: 1, pageCount: 2 });
    expect(first.entries).toHaveLength(LEDGER_PAGE_SIZE);
    expect(first.entries[0]!.points).toBe(LEDGER_PAGE_SIZE + 2);
    expect(second.entries.map((row) => row.points)).toEqual([2, 1]);
    // The total is of every match, not of the page.
    expect(second.totalPoints).toBe(((LEDGER_PAGE_SIZE + 2) * (LEDGER_PAGE_SIZE + 3)) / 2);
  });

  it("exports the filtered ledger as formula-safe CSV, newest first, in batches", async () => {
    const department = await makeDepartment({ name: "Ledger desk" });
    const { user: hr, cookie } = await signedIn("HR", { name: "Hana HR" });
    const person = await makeUser({
      name: "Cara Export",
      email: "cara.export@example.test",
      departmentId: department.id,
    });
    const other = await makeUser();
    await entry(person.id, 40, "EARNED", "COURSE_COMPLETED", new Date("2026-09-01T08:00:00Z"));
    await entry(other.id, 40, "EARNED", "COURSE_COMPLETED", new Date("2026-09-01T09:00:00Z"));
    await adjustPoints(
      principalOf(hr),
      { userId: person.id, points: -15, reason: '=HYPERLINK("http://x")', submissionKey: "csv" },
      new Date("2026-09-02T10:00:00Z"),
    );
    const response = await exportRoute.loader(
      loaderArgs(request(`/rewards/ledger/export?person=${person.id}&page=3`, { cookie })),
    );
    expect((response as Response).headers.get("Content-Type")).toContain("text/csv");
    const [header, ...rows] = await csvOf(response);
    expect(header).toContain("Person ID");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(
      `,${person.id},Cara Export,cara.export@example.test,Ledger desk,-15,`,
    );
    // The reason would run as a formula in a spreadsheet: it starts with a quote mark.
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(rows[0]).toContain(`,${hr.id},Hana HR,2026-09-02T10:00:00.000Z`);
    expect(rows[1]).toContain(",40,EARNED,COURSE_COMPLETED,Course completed,");
    expect(rows.join("\n")).not.toContain(other.id);

    const kinds = await csvOf(
      await exportRoute.loader(
        loaderArgs(request(`/rewards/ledger/export?person=${person.id}&kind=EARNED`, { cookie })),
      ),
    );
    expect(kinds).toHaveLength(2);

    // Batches follow on without repeats or gaps.
    const batches = [];
    for await (const batch of ledgerExportBatches(principalOf(hr), query({}), 2)) {
      batches.push(batch.map((row) => row.id));
    }
    const ids = batches.flat();
    expect(batches[0]).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(await getDb().pointsEntry.count());
  });
});

describe("adjustments", () => {
  it("answers bad input with 400 and field errors, and writes nothing", async () => {
    const { cookie } = await signedIn("HR");
    const person = await makeUser();
    const post = (form: Record<string, string>) =>
      ledgerRoute.action(actionArgs(formPost("/rewards/ledger", cookie, form)));
    const counts = async () => [
      await getDb().pointsEntry.count(),
      await getDb().auditEvent.count({ where: { action: POINTS_ADJUST_ACTION } }),
      await getDb().notification.count({ where: { type: "POINTS_ADJUSTED" } }),
    ];
    const before = await counts();
    const zero = await post({ userId: person.id, points: "0", reason: "Nothing" });
    expect(await outcomeStatus(async () => zero)).toBe(400);
    expect(answerOf(zero).fieldErrors).toEqual({ points: "rewards.ledger.errors.zero" });
    const empty = await post({ userId: "", points: "", reason: "   " });
    expect(answerOf(empty).fieldErrors).toEqual({
      userId: "rewards.ledger.errors.choosePerson",
      points: "validation.required",
      reason: "validation.required",
    });
    const bad = await post({ userId: person.id, points: "2.5", reason: "x".repeat(501) });
    expect(answerOf(bad).fieldErrors).toEqual({
      points: "validation.wholeNumber",
      reason: "validation.tooLong",
    });
    const huge = await post({ userId: person.id, points: "100001", reason: "Too much" });
    expect(answerOf(huge).fieldErrors).toEqual({ points: "validation.outOfRange" });
    const unknown = await post({ userId: "nobody", points: "5", reason: "Who?" });
    expect(await outcomeStatus(async () => unknown)).toBe(400);
    expect(answerOf(unknown).fieldErrors).toEqual({
      userId: "rewards.ledger.errors.unknownPerson",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses to take a balance below 0", async () => {
    const { cookie } = await signedIn("HR");
    const person = await makeUser();
    await entry(person.id, 30, "EARNED", "COURSE_COMPLETED", new Date());
    const post = (points: string, submissionKey: string) =>
      ledgerRoute.action(
        actionArgs(
          formPost("/rewards/ledger", cookie, {
            userId: person.id,
            points,
            reason: "Fix",
            submissionKey,
          }),
        ),
      );
    const tooMuch = await post("-31", "a");
    expect(await outcomeStatus(async () => tooMuch)).toBe(400);
    expect(answerOf(tooMuch).fieldErrors).toEqual({ points: "rewards.ledger.errors.belowZero" });
    expect(await balanceOf(person.id)).toBe(30);
    // Exactly to 0 is allowed (a real minus sign, as people type it, too).
    expect(answerOf(await post("\u221230", "b"))).toMatchObject({ ok: true, balance: 0 });
    expect(await balanceOf(person.id)).toBe(0);
  });

  it("writes one entry per form post, audited and notified; a double submit is the same one", async () => {
    const { user: hr, cookie } = await signedIn("HR");
    const person = await makeUser();
    const form = {
      userId: person.id,
      points: "+25",
      reason: "  Helped at the fair  ",
      submissionKey: "k1",
    };
    const post = () => ledgerRoute.action(actionArgs(formPost("/rewards/ledger", cookie, form)));
    const first = answerOf(await post());
    const again = answerOf(await post());
    expect(first).toMatchObject({ ok: true, balance: 25 });
    expect(again.entryId).toBe(first.entryId);
    // Two at once (PostgreSQL: the lock on the person queues them).
    const [a, b] = await Promise.all([post(), post()]);
    expect(answerOf(a).entryId).toBe(first.entryId);
    expect(answerOf(b).entryId).toBe(first.entryId);

    const entries = await getDb().pointsEntry.findMany({ where: { userId: person.id } });
    expect(entries).toEqual([
      expect.objectContaining({
        id: first.entryId,
        points: 25,
        kind: "ADJUSTMENT",
        sourceType: "ADJUSTMENT",
        reason: "Helped at the fair",
        actorId: hr.id,
        departmentId: person.departmentId,
      }),
    ]);
    const audits = await getDb().auditEvent.findMany({
      where: { action: POINTS_ADJUST_ACTION, subjectId: person.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: hr.id, subjectType: "User" });
    expect(audits[0]!.after).toMatchObject({ entryId: first.entryId, points: 25, balance: 25 });
    const notices = await getDb().notification.findMany({ where: { userId: person.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ type: "POINTS_ADJUSTED", link: "/rewards/points" });
    expect(notices[0]!.params).toMatchObject({ points: "+25", reason: "Helped at the fair" });

    // A new page load (a new key) is a new adjustment; it counts on leaderboards.
    const minus = answerOf(
      await ledgerRoute.action(
        actionArgs(
          formPost("/rewards/ledger", cookie, { ...form, points: "-10", submissionKey: "k2" }),
        ),
      ),
    );
    expect(minus).toMatchObject({ ok: true, balance: 15 });
    const last = await getDb().notification.findFirstOrThrow({
      where: { userId: person.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last.params).toMatchObject({ points: "\u221210" });
    expect(
      await getDb().pointsTotal.findFirstOrThrow({ where: { period: "all", userId: person.id } }),
    ).toMatchObject({ points: 15 });
    expect(await verifyTotals()).toEqual([]);
  });
});

describe("ledger routes", () => {
  it("gives employees and managers 403 on the ledger, its people, its export and adjustments", async () => {
    const target = await makeUser();
    for (const role of ["EMPLOYEE", "MANAGER", "TRAINER"] as const) {
      const { cookie } = await signedIn(role, { manages: [target.departmentId!] });
      for (const path of [
        "/rewards/ledger",
        "/rewards/ledger/export",
        "/rewards/ledger/people?q=a",
      ]) {
        const route = path.includes("export")
          ? exportRoute
          : path.includes("people")
            ? peopleRoute
            : ledgerRoute;
        expect(
          await outcomeStatus(() => route.loader(loaderArgs(request(path, { cookie })))),
          `${role} ${path}`,
        ).toBe(403);
      }
      const post = formPost("/rewards/ledger", cookie, {
        userId: target.id,
        points: "1000",
        reason: "Mine",
      });
      expect(await outcomeStatus(() => ledgerRoute.action(actionArgs(post)))).toBe(403);
    }
    expect(await getDb().pointsEntry.count({ where: { userId: target.id } })).toBe(0);
  });

  it("shows HR the ledger page with the chosen person, and the person picker", async () => {
    const { cookie } = await signedIn("HR");
    const person = await makeUser({ name: "Pia Picker", email: "pia.picker@example.test" });
    await makeUser({ name: "Pia Gone", active: false });
    const page = (await ledgerRoute.loader(
      loaderArgs(request(`/rewards/ledger?person=${person.id}`, { cookie })),
    )) as { person: { label: string } | null; canAdjust: boolean; submissionKey: string };
    expect(page.person?.label).toBe("Pia Picker (pia.picker@example.test)");
    expect(page.canAdjust).toBe(true);
    const found = (await peopleRoute.loader(
      loaderArgs(request("/rewards/ledger/people?q=pia", { cookie })),
    )) as Response;
    const body = (await found.json()) as { options: { label: string }[] };
    // Deactivated people too: their points stay in the ledger.
    expect(body.options.map((option) => option.label.split(" (")[0])).toEqual([
      "Pia Gone",
      "Pia Picker",
    ]);
  });

  it("saves 'hide me from public leaderboards' through the settings page, and back", async () => {
    const { user, cookie } = await signedIn("EMPLOYEE");
    const load = async () =>
      (
        (await settingsRoute.loader(loaderArgs(request("/settings", { cookie })))) as {
          leaderboardHidden: boolean;
        }
      ).leaderboardHidden;
    expect(await load()).toBe(false);
    const post = (form: Record<string, string>) =>
      settingsRoute.action(
        actionArgs(formPost("/settings", cookie, { intent: "leaderboardPrivacy", ...form })),
      );
    expect(answerOf(await post({ hidden: "on" })).ok).toBe(true);
    expect(await load()).toBe(true);
    expect(await isLeaderboardHidden(user.id)).toBe(true);
    // An unticked box is absent from the post: shown again.
    expect(answerOf(await post({})).ok).toBe(true);
    expect(await load()).toBe(false);
    expect(await getDb().leaderboardPrivacy.count({ where: { userId: user.id } })).toBe(1);
  });
});
