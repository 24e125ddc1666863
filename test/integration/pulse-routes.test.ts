import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { closePulse, openPulse } from "~/modules/initiatives/index.server";
import * as homeRoute from "~/routes/home";
import * as pulsesRoute from "~/routes/initiatives/pulses";
import * as answerRoute from "~/routes/surveys/answer";
import { actionArgs, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";
import { dayFromToday, makeInitiative, makePulse } from "../support/pulses";

// /initiatives/:id/pulses (HR manages, managers of the tree read) and /surveys/:pulseId
// (the people asked answer), through the routes' loaders and actions (decision 039).

async function signedIn(role: Role, options: { departmentId?: string; manages?: string[] } = {}) {
  const user = await makeUser({ role, ...options });
  const principal = { id: user.id, role, scopeDepartmentIds: [] as string[] };
  return { user, principal, cookie: (await sessionCookie(user.id)).cookie };
}

const body = (result: unknown) => (result as { data: Record<string, unknown> }).data;

async function setting() {
  const department = await makeDepartment();
  const initiative = await makeInitiative([department.id]);
  const hr = await signedIn("HR");
  const employee = await signedIn("EMPLOYEE", { departmentId: department.id });
  return { department, initiative, hr, employee };
}

const pulsesUrl = (id: string) => `/initiatives/${id}/pulses`;
const postPulses = (id: string, cookie: string, form: Record<string, string>) =>
  pulsesRoute.action(actionArgs(request(pulsesUrl(id), { cookie, form }), { initiativeId: id }));
const loadPulses = (id: string, cookie: string) =>
  pulsesRoute.loader(loaderArgs(request(pulsesUrl(id), { cookie }), { initiativeId: id }));

const createForm = (fields: Record<string, string> = {}) => ({
  intent: "create",
  createKey: "form-key-0001",
  title: "Rollout pulse",
  phaseId: "",
  opensOn: dayFromToday(0),
  closesOn: dayFromToday(10),
  ...fields,
});

describe("/initiatives/:id/pulses", () => {
  it("HR creates a pulse once per form post; a bad date range is refused with nothing written", async () => {
    const { initiative, hr } = await setting();
    const refused = await postPulses(
      initiative.id,
      hr.cookie,
      createForm({ closesOn: dayFromToday(-1) }),
    );
    expect(await outcomeStatus(async () => refused)).toBe(400);
    expect(body(refused).fieldErrors).toMatchObject({
      closesOn: "initiatives.pulses.closesBeforeOpens",
    });
    expect(await getDb().pulse.count({ where: { initiativeId: initiative.id } })).toBe(0);
    for (let i = 0; i < 2; i++) {
      const created = await postPulses(initiative.id, hr.cookie, createForm());
      expect(created).toBeInstanceOf(Response);
      expect((created as Response).headers.get("Location")).toMatch(/\?edit=.+&created=1$/);
    }
    expect(await getDb().pulse.count({ where: { initiativeId: initiative.id } })).toBe(1);
  });

  it("lists the pulses with their answer counts and rate; HR opens and closes from it", async () => {
    const { initiative, hr, employee } = await setting();
    const pulse = await makePulse(hr.principal, initiative.id);
    await postPulses(initiative.id, hr.cookie, { intent: "open", pulseId: pulse.id });
    expect((await getDb().pulse.findUniqueOrThrow({ where: { id: pulse.id } })).status).toBe(
      "OPEN",
    );
    expect(
      await getDb().notification.count({
        where: { userId: employee.user.id, type: "PULSE_OPENED" },
      }),
    ).toBe(1);
    await answerRoute.action(
      actionArgs(
        request(`/surveys/${pulse.id}`, {
          cookie: employee.cookie,
          form: { awareness: "4", desire: "4", knowledge: "4", ability: "4", reinforcement: "4" },
        }),
        { pulseId: pulse.id },
      ),
    );
    const page = await loadPulses(initiative.id, hr.cookie);
    expect(page.canManage).toBe(true);
    expect(page.asked).toBe(1);
    expect(page.pulses).toEqual([
      expect.objectContaining({ id: pulse.id, status: "OPEN", responses: 1, rate: 1 }),
    ]);
    await postPulses(initiative.id, hr.cookie, { intent: "close", pulseId: pulse.id });
    expect((await getDb().pulse.findUniqueOrThrow({ where: { id: pulse.id } })).status).toBe(
      "CLOSED",
    );
  });

  it("refuses staff (403), and a manager outside the initiative's tree (404); a manager of it reads", async () => {
    const { initiative, employee, department } = await setting();
    expect(await outcomeStatus(() => loadPulses(initiative.id, employee.cookie))).toBe(403);
    expect(
      await outcomeStatus(() => postPulses(initiative.id, employee.cookie, createForm())),
    ).toBe(403);
    const elsewhere = await signedIn("MANAGER", { manages: [(await makeDepartment()).id] });
    expect(await outcomeStatus(() => loadPulses(initiative.id, elsewhere.cookie))).toBe(404);
    const manager = await signedIn("MANAGER", { manages: [department.id] });
    const page = await loadPulses(initiative.id, manager.cookie);
    expect(page.canManage).toBe(false);
    expect(await outcomeStatus(() => postPulses(initiative.id, manager.cookie, createForm()))).toBe(
      403,
    );
  });
});

describe("/surveys/:pulseId", () => {
  const answerForm = (fields: Record<string, string> = {}) => ({
    awareness: "5",
    desire: "3",
    knowledge: "4",
    ability: "4",
    reinforcement: "2",
    comment: "",
    ...fields,
  });
  const load = (pulseId: string, cookie: string) =>
    answerRoute.loader(loaderArgs(request(`/surveys/${pulseId}`, { cookie }), { pulseId }));
  const post = (pulseId: string, cookie: string, form: Record<string, string>) =>
    answerRoute.action(actionArgs(request(`/surveys/${pulseId}`, { cookie, form }), { pulseId }));

  it("lets a person asked answer and change the answer; validates; then says it closed", async () => {
    const { initiative, hr, employee } = await setting();
    const pulse = await makePulse(hr.principal, initiative.id);
    await openPulse(hr.principal, pulse.id);
    const before = await load(pulse.id, employee.cookie);
    expect(before.open).toBe(true);
    expect(before.answer).toBeNull();
    expect(before.pulse.statements.awareness).toBe("initiatives.pulses.defaults.awareness");

    const invalid = await post(
      pulse.id,
      employee.cookie,
      answerForm({ desire: "6", comment: "x".repeat(2001) }),
    );
    expect(await outcomeStatus(async () => invalid)).toBe(400);
    expect(body(invalid).fieldErrors).toMatchObject({
      desire: "initiatives.answer.pick",
      comment: "validation.tooLong",
    });
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(0);

    expect(body(await post(pulse.id, employee.cookie, answerForm()))).toMatchObject({
      ok: true,
      firstAnswer: true,
    });
    expect(body(await post(pulse.id, employee.cookie, answerForm({ desire: "5" })))).toMatchObject({
      ok: true,
      firstAnswer: false,
    });
    expect((await load(pulse.id, employee.cookie)).answer).toMatchObject({ desire: 5 });

    const home = await homeRoute.loader(loaderArgs(request("/", { cookie: employee.cookie })));
    expect(home.initiatives).toEqual([
      expect.objectContaining({
        id: initiative.id,
        pulse: expect.objectContaining({ id: pulse.id, answered: true }),
      }),
    ]);

    await closePulse(hr.principal, pulse.id);
    expect((await load(pulse.id, employee.cookie)).open).toBe(false);
    expect(await outcomeStatus(() => post(pulse.id, employee.cookie, answerForm()))).toBe(409);
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(1);
  });

  it("answers 404 to people outside the target departments and for an unknown pulse", async () => {
    const { initiative, hr } = await setting();
    const pulse = await makePulse(hr.principal, initiative.id);
    await openPulse(hr.principal, pulse.id);
    const outsider = await signedIn("EMPLOYEE");
    expect(await outcomeStatus(() => load(pulse.id, outsider.cookie))).toBe(404);
    expect(await outcomeStatus(() => post(pulse.id, outsider.cookie, answerForm()))).toBe(404);
    expect(await outcomeStatus(() => load("no-such-pulse", outsider.cookie))).toBe(404);
    // HR outside the targets is not asked either.
    expect(await outcomeStatus(() => load(pulse.id, hr.cookie))).toBe(404);
    expect(await getDb().pulseResponse.count({ where: { pulseId: pulse.id } })).toBe(0);
  });
});
