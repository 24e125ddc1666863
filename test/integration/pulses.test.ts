import { describe, expect, it } from "vitest";
import { addDays } from "~/lib/dates";
import { getDb, databaseProvider } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import type { Principal, Role } from "~/lib/permissions";
import { awardRule } from "~/modules/incentives/index.server";
import { DEFAULT_RULE_POINTS } from "~/modules/incentives";
import { DEFAULT_STATEMENT_KEYS, parseStatements, pulseCreateSchema } from "~/modules/initiatives";
import {
  announcePulse,
  closePulse,
  getAnswerPage,
  homeInitiativesFor,
  openPulse,
  remindPulse,
  respondentKey,
  runPulseSchedule,
  submitAnswer,
  updatePulse,
} from "~/modules/initiatives/index.server";
import { makeDepartment, makeUser } from "../support/factories";
import {
  answer,
  dayFromToday,
  makeInitiative,
  makePulse,
  pulseInput,
  today,
} from "../support/pulses";

// Pulse surveys (decision 039): the lifecycle, locked statements, one answer per person,
// confidentiality of the rows, notifications and the one reminder, points, ledger stamping.

async function person(role: Role = "EMPLOYEE", departmentId?: string, active = true) {
  const user = await makeUser({ role, departmentId, active });
  return {
    id: user.id,
    role,
    scopeDepartmentIds: [] as string[],
    departmentId: user.departmentId,
    name: user.name,
    email: user.email,
  };
}

/** A department with a sub-department, an initiative targeting it, HR, and a live pulse. */
async function setting(staff = 2) {
  const parent = await makeDepartment();
  const child = await makeDepartment({ parentId: parent.id });
  const initiative = await makeInitiative([parent.id]);
  const hr: Principal = await person("HR");
  const people = [];
  for (let i = 0; i < staff; i++)
    people.push(await person("EMPLOYEE", i % 2 ? child.id : parent.id));
  return { parent, child, initiative, hr, people };
}

async function openedPulse(staff = 2) {
  const s = await setting(staff);
  const pulse = await makePulse(s.hr, s.initiative.id);
  await openPulse(s.hr, pulse.id);
  return { ...s, pulse };
}

const updateInput = (pulse: { id: string }, fields: Record<string, string> = {}) => ({
  ...pulseInput(fields),
  pulseId: pulse.id,
});

describe("the lifecycle", () => {
  it("creates a draft once per form post, edits it, opens and closes it, each audited", async () => {
    const { hr, initiative } = await setting(0);
    const input = pulseInput({ phaseId: initiative.phases[0]!.id });
    const [first, second] = await Promise.all([
      makePulseWith(hr, initiative.id, input),
      makePulseWith(hr, initiative.id, input),
    ]);
    expect(first.id).toBe(second.id);
    expect(await getDb().pulse.count({ where: { initiativeId: initiative.id } })).toBe(1);
    expect(first.status).toBe("DRAFT");
    expect(parseStatements(first.statements)).toEqual(DEFAULT_STATEMENT_KEYS);

    const edited = await updatePulse(hr, initiative.id, {
      ...updateInput(first, { title: "Renamed", awareness: "Why are we changing? I know." }),
    });
    expect(edited.title).toBe("Renamed");
    expect(parseStatements(edited.statements).awareness).toBe("Why are we changing? I know.");
    expect(parseStatements(edited.statements).desire).toBe(DEFAULT_STATEMENT_KEYS.desire);

    const opened = await openPulse(hr, first.id);
    expect(opened.status).toBe("OPEN");
    expect(opened.openedAt).not.toBeNull();
    const closed = await closePulse(hr, first.id);
    expect(closed.status).toBe("CLOSED");
    await expect(openPulse(hr, first.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(updatePulse(hr, initiative.id, updateInput(first))).rejects.toBeInstanceOf(
      ConflictError,
    );

    const audit = await getDb().auditEvent.findMany({
      where: { subjectType: "Pulse", subjectId: first.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => row.action).sort()).toEqual(
      ["pulse.closed", "pulse.created", "pulse.opened", "pulse.updated"].sort(),
    );
    expect(audit.every((row) => row.actorId === hr.id)).toBe(true);
  });

  it("refuses a closing day not after the opening day, a phase of another initiative, and staff", async () => {
    const { hr, initiative, people } = await setting(1);
    const parsed = pulseCreateSchema.safeParse({
      intent: "create",
      createKey: "abcdefgh-1",
      title: "Backwards",
      opensOn: dayFromToday(5),
      closesOn: dayFromToday(5),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["closesOn"],
      message: "initiatives.pulses.closesBeforeOpens",
    });
    const other = await makeInitiative([]);
    await expect(
      makePulse(hr, initiative.id, { phaseId: other.phases[0]!.id }),
    ).rejects.toMatchObject({ fieldErrors: { phaseId: "initiatives.pulses.unknownPhase" } });
    await expect(makePulse(people[0]!, initiative.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getDb().pulse.count({ where: { initiativeId: initiative.id } })).toBe(0);
  });

  it("opens and closes by the dates in the hourly job", async () => {
    const { hr, initiative } = await setting(1);
    const due = await makePulse(hr, initiative.id, { opensOn: dayFromToday(0) });
    const later = await makePulse(hr, initiative.id, {
      opensOn: dayFromToday(3),
      closesOn: dayFromToday(10),
    });
    const ending = await makePulse(hr, initiative.id, {
      opensOn: dayFromToday(-10),
      closesOn: dayFromToday(-1),
    });
    await getDb().pulse.update({ where: { id: ending.id }, data: { status: "OPEN" } });
    const result = await runPulseSchedule(new Date());
    expect(result.opened).toBeGreaterThanOrEqual(1);
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const status = async (id: string) =>
      (await getDb().pulse.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(due.id)).toBe("OPEN");
    expect(await status(later.id)).toBe("DRAFT");
    expect(await status(ending.id)).toBe("CLOSED");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { subjectId: ending.id, action: "pulse.closed" },
    });
    expect(audit.actorId).toBeNull();
  });
});

async function makePulseWith(
  hr: Principal,
  initiativeId: string,
  input: ReturnType<typeof pulseInput>,
) {
  const { createPulse } = await import("~/modules/initiatives/index.server");
  return createPulse(hr, initiativeId, input);
}

describe("answering", () => {
  it("locks the statements at the first answer, with a clear refusal; other edits still go", async () => {
    const { hr, initiative, pulse, people } = await openedPulse(1);
    await updatePulse(hr, initiative.id, updateInput(pulse, { desire: "Before any answer." }));
    await submitAnswer(people[0]!, pulse.id, answer());
    const refusal = await updatePulse(
      hr,
      initiative.id,
      updateInput(pulse, { desire: "After the first answer." }),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({
      messageKey: "initiatives.pulses.statementsLocked",
      fieldErrors: { desire: "initiatives.pulses.statementsLocked" },
    });
    const renamed = await updatePulse(
      hr,
      initiative.id,
      updateInput(pulse, { title: "Still renamable", desire: "Before any answer." }),
    );
    expect(renamed.title).toBe("Still renamable");
    expect(parseStatements(renamed.statements).desire).toBe("Before any answer.");
  });

  it("keeps one row under 50 parallel submits, one first answer, and the points once", async () => {
    const { pulse, people } = await openedPulse(1);
    const me = people[0]!;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        submitAnswer(me, pulse.id, answer({ ability: String((i % 5) + 1) })),
      ),
    );
    const fulfilled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(fulfilled).toHaveLength(50);
    expect(fulfilled.filter((r) => r.firstAnswer)).toHaveLength(1);
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(1);
    const entries = await getDb().pointsEntry.findMany({ where: { userId: me.id } });
    expect(entries.map((e) => [e.sourceType, e.sourceId, e.points])).toEqual([
      ["PULSE_ANSWERED", pulse.id, DEFAULT_RULE_POINTS.PULSE_ANSWERED],
    ]);
    expect(DEFAULT_RULE_POINTS.PULSE_ANSWERED).toBe(10);
  });

  it("shows and changes the person's answer until the pulse closes, then refuses", async () => {
    const { hr, pulse, people } = await openedPulse(1);
    const me = people[0]!;
    expect((await getAnswerPage(me, pulse.id)).answer).toBeNull();
    expect(await submitAnswer(me, pulse.id, answer({ desire: "2" }))).toEqual({
      firstAnswer: true,
    });
    expect(await submitAnswer(me, pulse.id, answer({ desire: "5", comment: "Better" }))).toEqual({
      firstAnswer: false,
    });
    const page = await getAnswerPage(me, pulse.id);
    expect(page.open).toBe(true);
    expect(page.answer).toMatchObject({ desire: 5, comment: "Better" });
    const row = await getDb().pulseResponse.findFirstOrThrow({ where: { pulseId: pulse.id } });
    // desire 5 now: the first answer ≤ 3 in ADKAR order is knowledge (3).
    expect(row.barrier).toBe("knowledge");
    expect(row.departmentId).toBe(me.departmentId);
    await closePulse(hr, pulse.id);
    await expect(submitAnswer(me, pulse.id, answer())).rejects.toMatchObject({
      status: 409,
      messageKey: "initiatives.answer.closed",
    });
    expect((await getAnswerPage(me, pulse.id)).open).toBe(false);
    // After its closing day, an open pulse takes no answers either (the job closes it later).
    const { pulse: other, people: others } = await openedPulse(1);
    await expect(
      submitAnswer(others[0]!, other.id, answer(), addDays(today(), 15)),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await getDb().pointsEntry.count({ where: { userId: me.id } })).toBe(1);
  });

  it("answers 404 outside the target departments and for a draft", async () => {
    const { hr, initiative, pulse } = await openedPulse(1);
    const outsider = await person();
    await expect(getAnswerPage(outsider, pulse.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(submitAnswer(outsider, pulse.id, answer())).rejects.toBeInstanceOf(NotFoundError);
    const draft = await makePulse(hr, initiative.id);
    const insider = await person(
      "EMPLOYEE",
      (
        await getDb().initiativeDepartment.findFirstOrThrow({
          where: { initiativeId: initiative.id },
        })
      ).departmentId,
    );
    await expect(getAnswerPage(insider, draft.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(0);
  });

  it("stores no person id, name, e-mail or time in the response rows", async () => {
    const { pulse, people } = await openedPulse(2);
    for (const me of people) await submitAnswer(me, pulse.id, answer({ comment: "ok" }));
    const columns =
      databaseProvider() === "postgresql"
        ? (
            await getDb().$queryRaw<{ name: string }[]>`
              SELECT column_name::text AS name FROM information_schema.columns
               WHERE table_name = 'PulseResponse' AND table_schema = current_schema()`
          ).map((c) => c.name)
        : (await getDb().$queryRaw<{ name: string }[]>`PRAGMA table_info("PulseResponse")`).map(
            (c) => c.name,
          );
    expect(columns.sort()).toEqual(
      [
        "id",
        "pulseId",
        "respondentKey",
        "departmentId",
        "awareness",
        "desire",
        "knowledge",
        "ability",
        "reinforcement",
        "comment",
        "barrier",
      ].sort(),
    );
    const rows = await getDb().$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM "PulseResponse" WHERE "pulseId" = ${pulse.id}`;
    expect(rows).toHaveLength(2);
    const identifying = people.flatMap((p) => [p.id, p.name, p.email]);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        expect(value).not.toBeInstanceOf(Date);
        for (const token of identifying) expect(String(value)).not.toContain(token);
      }
    }
    // The key finds one's own answer again, and only one's own.
    const keys = rows.map((row) => row.respondentKey);
    expect(keys).toContain(await respondentKey(pulse.id, people[0]!.id));
    expect(
      await getDb().auditEvent.count({ where: { actorId: { in: people.map((p) => p.id) } } }),
    ).toBe(0);
  });
});

describe("who is asked", () => {
  it("tells every active person of the target tree once when the pulse opens", async () => {
    const { hr, initiative, people, child } = await setting(3);
    await person("EMPLOYEE", child.id, false);
    const outsider = await person();
    const pulse = await makePulse(hr, initiative.id);
    await openPulse(hr, pulse.id);
    const notices = await getDb().notification.findMany({
      where: { type: "PULSE_OPENED", link: `/surveys/${pulse.id}` },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(
      await getDb().outboxEmail.count({
        where: { eventType: "PULSE_OPENED", userId: { in: people.map((p) => p.id) } },
      }),
    ).toBe(3);
    expect(notices.some((n) => n.userId === outsider.id)).toBe(false);
    // Announcing again (the job does) tells only newcomers.
    expect(await announcePulse(pulse.id)).toBe(0);
    const newcomer = await person("EMPLOYEE", child.id);
    expect(await announcePulse(pulse.id)).toBe(1);
    expect(
      await getDb().notification.count({ where: { userId: newcomer.id, type: "PULSE_OPENED" } }),
    ).toBe(1);
  });

  it("reminds only those who have not answered, once, two days before closing", async () => {
    const { hr, initiative, people } = await setting(3);
    const pulse = await makePulse(hr, initiative.id, { closesOn: dayFromToday(1) });
    await openPulse(hr, pulse.id);
    await submitAnswer(people[0]!, pulse.id, answer());
    const early = await makePulse(hr, initiative.id, { closesOn: dayFromToday(20) });
    await openPulse(hr, early.id);
    await runPulseSchedule(new Date());
    const reminded = await getDb().notification.findMany({
      where: { type: "PULSE_REMINDER", link: `/surveys/${pulse.id}` },
    });
    expect(reminded.map((n) => n.userId).sort()).toEqual([people[1]!.id, people[2]!.id].sort());
    expect(
      await getDb().notification.count({
        where: { type: "PULSE_REMINDER", link: `/surveys/${early.id}` },
      }),
    ).toBe(0);
    expect(
      (await getDb().pulse.findUniqueOrThrow({ where: { id: pulse.id } })).remindedAt,
    ).not.toBeNull();
    expect(await remindPulse(pulse.id)).toBe(0);
    await runPulseSchedule(new Date());
    expect(
      await getDb().notification.count({
        where: { type: "PULSE_REMINDER", link: `/surveys/${pulse.id}` },
      }),
    ).toBe(2);
  });
});

describe("Home", () => {
  it("lists the active initiatives reaching the person, the open pulse and whether answered", async () => {
    const { hr, initiative, people } = await setting(1);
    const me = people[0]!;
    const planned = await makeInitiative([me.departmentId!], { status: "PLANNED" });
    let items = await homeInitiativesFor(me);
    expect(items.map((i) => i.id)).toEqual([initiative.id]);
    expect(items.map((i) => i.id)).not.toContain(planned.id);
    expect(items[0]).toMatchObject({ phase: "initiatives.phases.template.rollout", pulse: null });
    const pulse = await makePulse(hr, initiative.id);
    await openPulse(hr, pulse.id);
    items = await homeInitiativesFor(me);
    expect(items[0]!.pulse).toMatchObject({ id: pulse.id, answered: false });
    await submitAnswer(me, pulse.id, answer());
    items = await homeInitiativesFor(me);
    expect(items[0]!.pulse).toMatchObject({ id: pulse.id, answered: true });
    expect(await homeInitiativesFor(await person())).toEqual([]);
  });
});

describe("ledger stamping", () => {
  it("stamps an award in a running phase with its initiative and phase, and none outside", async () => {
    const department = await makeDepartment();
    const child = await makeDepartment({ parentId: department.id });
    const initiative = await makeInitiative([department.id], {
      startsOn: addDays(today(), -10),
      endsOn: addDays(today(), 10),
    });
    const me = await person("EMPLOYEE", child.id);
    const award = (sourceId: string, at: Date) =>
      getDb().$transaction((tx) =>
        awardRule(tx, "IDEA_SUBMITTED", { userId: me.id, sourceId, at }),
      );
    await award("inside", new Date());
    // The phase's last day is included.
    await award("last-day", new Date(addDays(today(), 10).getTime() + 3_600_000));
    await award("outside", addDays(today(), 40));
    const entries = await getDb().pointsEntry.findMany({ where: { userId: me.id } });
    const stamp = (sourceId: string) => {
      const entry = entries.find((e) => e.sourceId === sourceId)!;
      return [entry.initiativeId, entry.phaseId];
    };
    expect(stamp("inside")).toEqual([initiative.id, initiative.phases[0]!.id]);
    expect(stamp("last-day")).toEqual([initiative.id, initiative.phases[0]!.id]);
    expect(stamp("outside")).toEqual([null, null]);
    const stranger = await person();
    await getDb().$transaction((tx) =>
      awardRule(tx, "IDEA_SUBMITTED", { userId: stranger.id, sourceId: "x", at: new Date() }),
    );
    const theirs = await getDb().pointsEntry.findFirstOrThrow({ where: { userId: stranger.id } });
    expect([theirs.initiativeId, theirs.phaseId]).toEqual([null, null]);
  });
});
