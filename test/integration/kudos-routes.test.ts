import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Role } from "~/lib/permissions";
import { KUDOS_PICKER_PAGE_SIZE } from "~/modules/incentives/index.server";
import * as departmentsRoute from "~/routes/rewards/kudos-departments";
import * as peopleRoute from "~/routes/rewards/kudos-people";
import * as settingsRoute from "~/routes/rewards/kudos-settings";
import * as kudosRoute from "~/routes/rewards/kudos";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, request, sessionCookie } from "../support/factories";

// The kudos pages (decision 033): who may open and post what, field errors with nothing
// written, the receiver picker and the `?to=` link.

async function signedIn(role: Role = "EMPLOYEE", data: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ role, ...data });
  return { user, cookie: (await sessionCookie(user.id)).cookie };
}

type Answer = { ok: boolean; fieldErrors?: Record<string, string>; kudosId?: string };
const answerOf = (result: unknown) => (result as { data: Answer }).data ?? (result as Answer);

describe("kudos routes", () => {
  it("gives an employee 403 on the settings page and its forms, and changes nothing", async () => {
    const { cookie } = await signedIn("EMPLOYEE");
    expect(
      await outcomeStatus(() =>
        settingsRoute.loader(loaderArgs(request("/rewards/kudos/settings", { cookie }))),
      ),
    ).toBe(403);
    const before = await getDb().companyValue.count();
    expect(
      await outcomeStatus(() =>
        settingsRoute.action(
          actionArgs(
            formPost("/rewards/kudos/settings", cookie, { intent: "addValue", name: "Mine" }),
          ),
        ),
      ),
    ).toBe(403);
    expect(
      await outcomeStatus(() =>
        settingsRoute.action(
          actionArgs(formPost("/rewards/kudos/settings", cookie, { intent: "pairCap", cap: "1" })),
        ),
      ),
    ).toBe(403);
    expect(await getDb().companyValue.count()).toBe(before);
    expect(await getDb().incentiveSetting.count()).toBe(0);
  });

  it("lets HR change the settings, and answers 400 with field errors for bad input", async () => {
    const { user, cookie } = await signedIn("HR");
    const post = (form: Record<string, string>) =>
      settingsRoute.action(actionArgs(formPost("/rewards/kudos/settings", cookie, form)));
    expect(await outcomeStatus(() => post({ intent: "addValue", name: "Own it" }))).toBe(200);
    const duplicate = await post({ intent: "addValue", name: "own IT" });
    expect(await outcomeStatus(async () => duplicate)).toBe(400);
    expect(answerOf(duplicate).fieldErrors).toEqual({ name: "rewards.kudos.errors.valueTaken" });
    const allowances = { EMPLOYEE: "120", TRAINER: "100", MANAGER: "100", HR: "100" };
    const bad = await post({ intent: "allowances", ...allowances, ADMIN: "10001" });
    expect(answerOf(bad).fieldErrors).toEqual({ ADMIN: "validation.outOfRange" });
    expect(await getDb().givingAllowance.count()).toBe(0);
    await post({ intent: "allowances", ...allowances, ADMIN: "100" });
    expect(await getDb().givingAllowance.findUnique({ where: { role: "EMPLOYEE" } })).toMatchObject(
      { points: 120, updatedById: user.id },
    );
    const page = (await settingsRoute.loader(
      loaderArgs(request("/rewards/kudos/settings?month=2026-11", { cookie })),
    )) as {
      values: { name: string }[];
      allowances: Record<string, number>;
      flagged: { month: string };
    };
    expect(page.values.map((v) => v.name)).toContain("Own it");
    expect(page.allowances.EMPLOYEE).toBe(120);
    expect(page.flagged.month).toBe("2026-11");
    await post({ intent: "allowances", ...allowances, EMPLOYEE: "100", ADMIN: "100" });
  });

  it("answers a bad send with 400 and field errors, and writes nothing", async () => {
    const { user, cookie } = await signedIn();
    const receiver = await makeUser();
    const post = (form: Record<string, string>) =>
      kudosRoute.action(actionArgs(formPost("/rewards/kudos", cookie, form)));
    const kudosBefore = await getDb().kudos.count();
    const empty = await post({ toId: "", message: "   ", points: "" });
    expect(await outcomeStatus(async () => empty)).toBe(400);
    expect(answerOf(empty).fieldErrors).toEqual({
      toId: "rewards.kudos.errors.chooseReceiver",
      message: "validation.required",
    });
    const tooLong = await post({ toId: receiver.id, message: "x".repeat(501), points: "1.5" });
    expect(answerOf(tooLong).fieldErrors).toEqual({
      message: "validation.tooLong",
      points: "validation.wholeNumber",
    });
    const self = await post({ toId: user.id, message: "Me!", points: "5" });
    expect(await outcomeStatus(async () => self)).toBe(400);
    expect(answerOf(self).fieldErrors).toEqual({ toId: "rewards.kudos.errors.self" });
    const greedy = await post({ toId: receiver.id, message: "Thanks", points: "500" });
    expect(answerOf(greedy).fieldErrors).toEqual({ points: "rewards.kudos.errors.overAllowance" });
    expect(await getDb().kudos.count()).toBe(kudosBefore);
    expect(await getDb().pointsEntry.count({ where: { userId: receiver.id } })).toBe(0);

    const sent = await post({
      toId: receiver.id,
      message: "  Thanks for covering my shift  ",
      points: "20",
      submissionKey: "k1",
    });
    expect(answerOf(sent).ok).toBe(true);
    // The same post again (a double click) is the same kudos.
    const again = await post({
      toId: receiver.id,
      message: "  Thanks for covering my shift  ",
      points: "20",
      submissionKey: "k1",
    });
    expect(answerOf(again).kudosId).toBe(answerOf(sent).kudosId);
    const stored = await getDb().kudos.findUniqueOrThrow({
      where: { id: answerOf(sent).kudosId! },
    });
    expect(stored).toMatchObject({ message: "Thanks for covering my shift", points: 20 });
  });

  it("shows the wall with the allowance left and the receiver chosen by ?to=", async () => {
    const department = await makeDepartment({ name: "Claims desk" });
    const { user, cookie } = await signedIn();
    const colleague = await makeUser({ name: "Dana Colleague", departmentId: department.id });
    const gone = await makeUser({ active: false });
    const load = async (query: string) =>
      (await kudosRoute.loader(loaderArgs(request(`/rewards/kudos${query}`, { cookie })))) as {
        receiver: { value: string; label: string } | null;
        allowance: { left: number };
        submissionKey: string;
        department: { label: string } | null;
      };
    const page = await load(`?to=${colleague.id}&department=${department.id}&page=x`);
    expect(page.receiver).toEqual({ value: colleague.id, label: "Dana Colleague (Claims desk)" });
    expect(page.department?.label).toBe("Claims desk");
    expect(page.allowance.left).toBe(100);
    expect((await load(`?to=${user.id}`)).receiver).toBeNull();
    expect((await load(`?to=${gone.id}`)).receiver).toBeNull();
    expect((await load("")).submissionKey).not.toBe(page.submissionKey);
  });

  it("serves the receiver picker: active colleagues only, not yourself, a page at a time", async () => {
    const { user, cookie } = await signedIn("EMPLOYEE", { name: "Pickme Self" });
    for (let i = 0; i < KUDOS_PICKER_PAGE_SIZE + 2; i++) {
      await makeUser({ name: `Pickme ${String(i).padStart(2, "0")}` });
    }
    await makeUser({ name: "Pickme Gone", active: false });
    const options = async (query: string) => {
      const response = (await peopleRoute.loader(
        loaderArgs(request(`/rewards/kudos/people?${query}`, { cookie })),
      )) as Response;
      return (await response.json()) as {
        options: { value: string; label: string }[];
        hasMore: boolean;
      };
    };
    const first = await options("q=pickme");
    expect(first.options).toHaveLength(KUDOS_PICKER_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(first.options[0]!.label).toMatch(/^Pickme 00 \(/);
    const second = await options("q=PICKME&page=2");
    expect(second.hasMore).toBe(false);
    const names = [...first.options, ...second.options].map((o) => o.label);
    expect(names).toHaveLength(KUDOS_PICKER_PAGE_SIZE + 2);
    expect(names.some((n) => n.startsWith("Pickme Gone"))).toBe(false);
    expect(names.some((n) => n.startsWith("Pickme Self"))).toBe(false);
    expect([...first.options, ...second.options].some((o) => o.value === user.id)).toBe(false);

    await makeDepartment({ name: "Pickdept North" });
    const departments = (await departmentsRoute.loader(
      loaderArgs(request("/rewards/kudos/departments?q=pickdept", { cookie })),
    )) as Response;
    expect(((await departments.json()) as { options: { label: string }[] }).options).toEqual([
      expect.objectContaining({ label: "Pickdept North" }),
    ]);
  });
});
