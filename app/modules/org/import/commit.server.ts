import { forEachChunk, yieldToEventLoop } from "~/lib/chunks.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import { managesDepartments, type Role } from "~/lib/permissions";
import { endUserSessions } from "~/lib/sessions.server";
import { recordAudit } from "~/modules/audit/index.server";
import { enrolNewUsersIn, syncUserEnrolmentsIn } from "~/modules/learning/index.server";
import { PATH_SEPARATOR, type ImportCounts } from "../staff-import";
import { loadDepartmentIndex, pathKey } from "./departments.server";
import { inviteUsers } from "./invitations.server";
import { raisePersonEvents } from "../person-events.server";
import type { ImportRow, ParsedRow } from "./parse.server";
import {
  needsDeactivationConfirmation,
  planIsEmpty,
  planStaffImport,
  type ImportActor,
  type ImportPlan,
  type RowPlan,
} from "./plan.server";

// The commit: the plan recomputed inside one transaction and written — departments parents
// first, people in batches, their assignments, invitations and one audit entry. A file that
// changes nothing writes nothing. All or nothing (decision 025), so the transaction stays
// whole; between its chunks it yields to the event loop (decision 027): other requests'
// reads and pages go on, their writes wait for the commit as before.

/** Deactivations per UPDATE: under SQLite's 999 bound parameters. */
const ID_CHUNK = 500;
/** 20,000 people with their enrolments and e-mails take seconds, not Prisma's default 5. */
const TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 };

export interface CommitOptions {
  deactivateMissing: boolean;
  confirmDeactivation: boolean;
  /** The preview's digest: the commit refuses when the plan has changed since. */
  planDigest?: string;
  /** What the audit entry names: the stored file, or the CLI's file name. */
  source: { id: string; sha256: string };
  /** Told each step's duration (npm run bench:import prints them). */
  onPhase?: (phase: string, ms: number) => void;
}

export interface CommitResult {
  counts: ImportCounts;
  written: boolean;
}

/** Creates the plan's departments parent-first; returns the id of every path (lower-cased). */
async function createDepartments(tx: DbTx, plan: ImportPlan) {
  const index = await loadDepartmentIndex(tx);
  const ids = new Map(index.idByKey);
  for (const department of plan.departments) {
    const parentId = department.parentPath
      ? ids.get(pathKey(department.parentPath.split(PATH_SEPARATOR)))!
      : null;
    const created = await tx.department.create({
      data: { name: department.name, code: department.code, parentId },
      select: { id: true },
    });
    ids.set(pathKey(department.path.split(PATH_SEPARATOR)), created.id);
  }
  return ids;
}

function columnsOf(values: ImportRow, departmentIds: Map<string, string>, role: string) {
  return {
    name: values.name,
    departmentId: departmentIds.get(pathKey(values.department))!,
    jobTitle: values.jobTitle,
    hireDate: values.hireDate ? new Date(`${values.hireDate}T00:00:00.000Z`) : null,
    role: role as Role,
    active: values.active,
  };
}

const managedOf = (values: ImportRow, role: string, departmentIds: Map<string, string>) =>
  managesDepartments(role as Role)
    ? [...new Set(values.managerOf.map((parts) => departmentIds.get(pathKey(parts))!))]
    : [];

async function createPeople(tx: DbTx, rows: RowPlan[], departmentIds: Map<string, string>) {
  const ids: string[] = [];
  await forEachChunk(rows, "importRows", async (chunk) => {
    const created = await tx.user.createManyAndReturn({
      data: chunk.map((row) => ({
        email: row.email,
        ...columnsOf(row.values!, departmentIds, row.values!.role ?? "EMPLOYEE"),
      })),
      select: { id: true, email: true },
    });
    const idByEmail = new Map(created.map((user) => [user.email, user.id]));
    const managers = chunk.flatMap((row) =>
      managedOf(row.values!, row.values!.role ?? "EMPLOYEE", departmentIds).map((departmentId) => ({
        userId: idByEmail.get(row.email)!,
        departmentId,
      })),
    );
    if (managers.length > 0) await tx.departmentManager.createMany({ data: managers });
    ids.push(...created.map((user) => user.id));
  });
  return ids;
}

/** Updates people with changes; their assignments follow (a move, a new role or title). */
async function updatePeople(tx: DbTx, rows: RowPlan[], departmentIds: Map<string, string>) {
  for (const row of rows) {
    const existing = row.existing!;
    const values = row.values!;
    const role = values.role ?? existing.role;
    await tx.user.update({
      where: { id: existing.id },
      data: columnsOf(values, departmentIds, role),
    });
    if (row.changes.some((change) => change.field === "manager of" || change.field === "role")) {
      await tx.departmentManager.deleteMany({ where: { userId: existing.id } });
      const managed = managedOf(values, role, departmentIds);
      await tx.departmentManager.createMany({
        data: managed.map((departmentId) => ({ userId: existing.id, departmentId })),
      });
    }
    if (existing.active && !values.active) await endUserSessions(tx, existing.id);
    await syncUserEnrolmentsIn(tx, existing.id, new Date(), {
      recountReports: existing.active !== values.active,
    });
    // One person's sync is a few dozen statements.
    await yieldToEventLoop();
  }
}

async function deactivatePeople(tx: DbTx, people: { id: string }[]) {
  for (let i = 0; i < people.length; i += ID_CHUNK) {
    const ids = people.slice(i, i + ID_CHUNK).map((person) => person.id);
    await tx.user.updateMany({ where: { id: { in: ids } }, data: { active: false } });
  }
  for (const person of people) {
    await endUserSessions(tx, person.id);
    // Leavers drop out of the report counters.
    await syncUserEnrolmentsIn(tx, person.id, new Date(), { recountReports: true });
    await yieldToEventLoop();
  }
}

function assertCommittable(plan: ImportPlan, options: CommitOptions) {
  if (options.planDigest && plan.digest !== options.planDigest) {
    throw new ConflictError("org.import.changedSincePreview");
  }
  if (needsDeactivationConfirmation(plan) && !options.confirmDeactivation) {
    throw new ValidationError({ confirmDeactivation: "org.import.confirmDeactivationRequired" });
  }
}

async function writePlan(tx: DbTx, actor: ImportActor, plan: ImportPlan, options: CommitOptions) {
  const step = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    options.onPhase?.(phase, performance.now() - start);
    return result;
  };
  const departmentIds = await step("departments", () => createDepartments(tx, plan));
  const created = await step("people", () =>
    createPeople(
      tx,
      plan.rows.filter((row) => row.kind === "create"),
      departmentIds,
    ),
  );
  await step("updates", () =>
    updatePeople(
      tx,
      plan.rows.filter((row) => row.kind === "update"),
      departmentIds,
    ),
  );
  await step("deactivations", () => deactivatePeople(tx, plan.deactivate));
  // Webhooks and other subscribers hear of each person changed, a chunk at a time.
  await step("events", async () => {
    const updated = plan.rows.filter((row) => row.kind === "update");
    const deactivatedNow = (row: RowPlan) => row.existing!.active && !row.values!.active;
    await raisePersonEvents(tx, "person.created", created);
    await raisePersonEvents(
      tx,
      "person.updated",
      updated.filter((row) => !deactivatedNow(row)).map((row) => row.existing!.id),
    );
    await raisePersonEvents(tx, "person.deactivated", [
      ...updated.filter(deactivatedNow).map((row) => row.existing!.id),
      ...plan.deactivate.map((person) => person.id),
    ]);
  });
  // New staff get their assignment rules (new-hire rules included) and an invitation.
  await step("enrolments", () => enrolNewUsersIn(tx, created));
  await step("invitations", () => inviteUsers(tx, created));
  await recordAudit(tx, {
    actorId: actor?.id ?? null,
    action: "user.import",
    subjectType: "StaffImport",
    subjectId: options.source.id,
    after: { sha256: options.source.sha256, ...plan.counts },
  });
}

/** Plans and writes the import in one transaction; re-importing the same file writes nothing. */
export async function commitStaffImport(
  actor: ImportActor,
  rows: readonly ParsedRow[],
  options: CommitOptions,
): Promise<CommitResult> {
  return getDb().$transaction(async (tx) => {
    const start = performance.now();
    const plan = await planStaffImport(tx, rows, actor, options);
    options.onPhase?.("plan", performance.now() - start);
    assertCommittable(plan, options);
    if (planIsEmpty(plan)) return { counts: plan.counts, written: false };
    await writePlan(tx, actor, plan, options);
    return { counts: plan.counts, written: true };
  }, TRANSACTION);
}
