import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { backupSettings } from "~/modules/backups/index.server";
import { requireInitiative } from "~/modules/initiatives/index.server";
import { createRiskSchema } from "~/modules/risks";
import { createRisk, riskDetail, riskWarnings } from "~/modules/risks/index.server";
import { makeDepartment, makeUser } from "../support/factories";
import { answer, hr, makeInitiative, makePulse, manager, same } from "../support/readiness";

// The risk register's live warnings (issue 17 item 5, decision 043) read the real readiness
// (its floor and reach) and the real backup state.

const HOUR = 3_600_000;
const NOW = new Date("2026-06-15T12:00:00Z");
const daily = backupSettings({ intervalMs: 24 * HOUR });

async function verifiedBackup(hoursAgo: number) {
  await getDb().backup.create({
    data: {
      fileName: `backup-${hoursAgo}-${Math.random()}.db`,
      provider: "SQLITE",
      kind: "SCHEDULED",
      sizeBytes: 1024n,
      sha256: "0".repeat(64),
      encrypted: false,
      manifest: {},
      status: "VERIFIED",
      verifiedAt: new Date(NOW.getTime() - hoursAgo * HOUR),
      createdAt: new Date(NOW.getTime() - hoursAgo * HOUR),
    },
  });
}

describe("live warnings on risks", () => {
  it("names the departments whose barrier is awareness or desire, within the floor and reach", async () => {
    const unaware = await makeDepartment({ name: "Unaware team" });
    const unwilling = await makeDepartment({ name: "Unwilling team" });
    const ready = await makeDepartment({ name: "Ready team" });
    const few = await makeDepartment({ name: "Few answers" });
    const initiative = await makeInitiative(
      [unaware, unwilling, ready, few].map((d) => ({ departmentId: d.id })),
      { minRespondents: 5 },
    );
    const pulse = await makePulse(initiative.id);
    await answer(pulse.id, unaware.id, same(5, [2, 4, 4, 4, 4]));
    await answer(pulse.id, unwilling.id, same(5, [4, 2, 4, 4, 4]));
    // A barrier later in ADKAR is not resistance.
    await answer(pulse.id, ready.id, same(5, [4, 4, 2, 4, 4]));
    // Under the floor: never shown.
    await answer(pulse.id, few.id, same(3, [1, 1, 1, 1, 1]));
    const boss = hr("hr-1");
    const loaded = await requireInitiative(boss, initiative.id, "read", "Risk");
    const warnings = await riskWarnings(boss, loaded, ["STAFF_RESISTANCE"], NOW);
    expect(warnings.backup).toBeNull();
    expect(warnings.resistance?.map((d) => [d.name, d.barrier]).sort()).toEqual([
      ["Unaware team", "awareness"],
      ["Unwilling team", "desire"],
    ]);
    // A manager sees only their own tree's departments.
    const theirs = await riskWarnings(
      manager("m-1", [unwilling.id]),
      loaded,
      ["STAFF_RESISTANCE"],
      NOW,
    );
    expect(theirs.resistance?.map((d) => d.name)).toEqual(["Unwilling team"]);
    // Other categories ask for nothing.
    expect(await riskWarnings(boss, loaded, ["DATA_LEAK", "OTHER"], NOW)).toEqual({
      resistance: null,
      backup: null,
    });
  });

  it("shows the last verified backup's age and turns red past the schedule", async () => {
    const department = await makeDepartment();
    const initiative = await makeInitiative([{ departmentId: department.id }]);
    // A real person: the audit log names the risk's author.
    const boss = hr((await makeUser({ role: "HR" })).id);
    const loaded = await requireInitiative(boss, initiative.id, "read", "Risk");
    const none = await riskWarnings(boss, loaded, ["DATA_LOSS"], NOW, daily);
    expect(none.backup).toMatchObject({ ageHours: null, stale: true });
    await verifiedBackup(27);
    // Daily, with two hours' grace: 27 h is too old.
    const old = await riskWarnings(boss, loaded, ["TECHNICAL_FAILURE"], NOW, daily);
    expect(old.backup).toMatchObject({ ageHours: 27, intervalHours: 24, stale: true });
    await verifiedBackup(5);
    const fresh = await riskWarnings(boss, loaded, ["DATA_LOSS"], NOW, daily);
    expect(fresh.backup).toMatchObject({ ageHours: 5, stale: false });
    // The risk page asks for its own category's warning, and none once closed.
    const risk = await createRisk(
      boss,
      initiative.id,
      createRiskSchema.parse({
        title: "Disk fails",
        category: "DATA_LOSS",
        likelihood: "2",
        impact: "5",
      }),
    );
    expect((await riskDetail(boss, risk.id, NOW)).warnings.backup).not.toBeNull();
    await getDb().risk.update({ where: { id: risk.id }, data: { status: "CLOSED" } });
    expect((await riskDetail(boss, risk.id, NOW)).warnings).toEqual({
      resistance: null,
      backup: null,
    });
  });
});
