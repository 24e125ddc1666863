// What Home shows a person of the change initiatives (decision 039), and the running phase
// the points ledger is stamped with (incentives asks through setRunningPhaseResolver).
import { DAY_MS } from "~/lib/dates";
import { getDb, type DbTx } from "~/lib/db.server";
import { departmentNames, departmentTree } from "~/modules/org/index.server";
import { expandTargets } from "./access.server";
import { phaseOn } from "./phases";
import { closesAt } from "./pulses.server";
import { respondentKeys } from "./respondent.server";

export interface HomeInitiative {
  id: string;
  name: string;
  phase: string | null;
  pulse: { id: string; title: string; closesOn: Date; answered: boolean } | null;
}

/**
 * The ACTIVE initiatives reaching the person's department, each with its current phase and
 * the pulse open for them, if any, and whether they answered it. One statement when no
 * initiative is active, at most six otherwise.
 */
export async function homeInitiativesFor(
  user: { id: string; departmentId: string | null },
  now: Date = new Date(),
): Promise<HomeInitiative[]> {
  if (!user.departmentId) return [];
  const db = getDb();
  // One statement when no active initiative exists (most of the time, for most people).
  const targets = await db.initiativeDepartment.findMany({
    where: { initiative: { status: "ACTIVE" } },
    select: { initiativeId: true, departmentId: true, includeSubDepartments: true },
  });
  if (targets.length === 0) return [];
  const needsTree = targets.some(
    (t) => t.includeSubDepartments && t.departmentId !== user.departmentId,
  );
  const nodes = needsTree ? await departmentNames() : [];
  const byInitiative = new Map<string, typeof targets>();
  for (const target of targets) {
    byInitiative.set(target.initiativeId, [
      ...(byInitiative.get(target.initiativeId) ?? []),
      target,
    ]);
  }
  const reachingIds = [...byInitiative]
    .filter(([, list]) => expandTargets(list, nodes).includes(user.departmentId!))
    .map(([id]) => id);
  if (reachingIds.length === 0) return [];
  const mine = await db.initiative.findMany({
    where: { id: { in: reachingIds } },
    orderBy: [{ startDate: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      phases: {
        orderBy: { position: "asc" },
        select: { name: true, startsOn: true, endsOn: true },
      },
    },
  });
  const pulses = await db.pulse.findMany({
    where: { initiativeId: { in: mine.map((i) => i.id) }, status: "OPEN" },
    orderBy: [{ closesOn: "asc" }, { id: "asc" }],
    select: { id: true, initiativeId: true, title: true, closesOn: true },
  });
  const live = pulses.filter((pulse) => now < closesAt(pulse));
  const keys = new Map<string, string>();
  for (const pulse of live) {
    const [key] = (await respondentKeys(pulse.id, [user.id])).keys();
    keys.set(pulse.id, key!);
  }
  const answered =
    live.length === 0
      ? []
      : await db.pulseResponse.findMany({
          where: {
            OR: live.map((pulse) => ({ pulseId: pulse.id, respondentKey: keys.get(pulse.id)! })),
          },
          select: { pulseId: true },
        });
  const answeredIds = new Set(answered.map((row) => row.pulseId));
  const today = new Date(now.toISOString().slice(0, 10) + "T00:00:00.000Z");
  return mine.map((initiative) => {
    const pulse = live.find((p) => p.initiativeId === initiative.id);
    return {
      id: initiative.id,
      name: initiative.name,
      phase: phaseOn(initiative.phases, today)?.name ?? null,
      pulse: pulse
        ? {
            id: pulse.id,
            title: pulse.title,
            closesOn: pulse.closesOn,
            answered: answeredIds.has(pulse.id),
          }
        : null,
    };
  });
}

/**
 * The initiative and phase an entry written at `at` for a person of `departmentId` falls in:
 * the ACTIVE initiative reaching the department whose phase holds that day (the one started
 * last, if several), or null. Two queries, in the caller's transaction.
 */
export async function runningPhaseOf(
  tx: DbTx,
  departmentId: string | null,
  at: Date,
): Promise<{ initiativeId: string; phaseId: string } | null> {
  if (!departmentId) return null;
  const phases = await tx.initiativePhase.findMany({
    where: {
      startsOn: { lte: at },
      // endsOn is the phase's last day, included.
      endsOn: { gt: new Date(at.getTime() - DAY_MS) },
      initiative: { status: "ACTIVE" },
    },
    select: {
      id: true,
      initiativeId: true,
      initiative: {
        select: {
          startDate: true,
          departments: { select: { departmentId: true, includeSubDepartments: true } },
        },
      },
    },
  });
  if (phases.length === 0) return null;
  const needsTree = phases.some((phase) =>
    phase.initiative.departments.some(
      (d) => d.includeSubDepartments && d.departmentId !== departmentId,
    ),
  );
  const nodes = needsTree ? await departmentTree(tx) : [];
  const reaching = phases
    .filter((phase) => expandTargets(phase.initiative.departments, nodes).includes(departmentId))
    .sort(
      (a, b) =>
        b.initiative.startDate.getTime() - a.initiative.startDate.getTime() ||
        a.initiativeId.localeCompare(b.initiativeId),
    );
  const hit = reaching[0];
  return hit ? { initiativeId: hit.initiativeId, phaseId: hit.id } : null;
}
