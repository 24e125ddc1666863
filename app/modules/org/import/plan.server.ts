import { createHash } from "node:crypto";
import type { DbTx } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import {
  can,
  isAdministratorRole,
  managesDepartments,
  type Principal,
  type Role,
} from "~/lib/permissions";
import {
  PATH_SEPARATOR,
  type FieldChange,
  type ImportCounts,
  type RowProblem,
} from "../staff-import";
import {
  departmentsToCreate,
  loadDepartmentIndex,
  pathKey,
  type DepartmentIndex,
  type DepartmentToCreate,
} from "./departments.server";
import type { ImportRow, ParsedRow } from "./parse.server";

// The preview: each row compared with the database (create / update / unchanged / error),
// the departments to create and the people to deactivate. The commit recomputes the same
// plan inside its transaction and writes exactly it.

/** `null`: the command line (npm run import), which runs with full rights. */
export type ImportActor = Principal | null;

export interface ExistingUser {
  id: string;
  email: string;
  name: string;
  role: string;
  departmentId: string | null;
  jobTitle: string;
  hireDate: Date | null;
  active: boolean;
  managedDepartments: { departmentId: string }[];
}

export interface RowPlan {
  row: number;
  email: string;
  name: string;
  kind: "create" | "update" | "unchanged" | "error";
  changes: FieldChange[];
  problems: RowProblem[];
  values: ImportRow | null;
  existing: ExistingUser | null;
}

export interface ImportPlan {
  rows: RowPlan[];
  departments: DepartmentToCreate[];
  deactivate: { id: string; email: string; name: string }[];
  activeStaff: number;
  /** The most people "deactivate missing" may deactivate without a second confirmation. */
  deactivationLimit: number;
  counts: ImportCounts;
  /** sha-256 of what the plan writes: the commit refuses when it differs from the preview's. */
  digest: string;
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");
const joinPaths = (paths: readonly string[]) => [...paths].sort().join(" | ");

async function loadUsers(tx: DbTx): Promise<ExistingUser[]> {
  return tx.user.findMany({
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      departmentId: true,
      jobTitle: true,
      hireDate: true,
      active: true,
      managedDepartments: { select: { departmentId: true } },
    },
  });
}

/** Refusals that protect accounts: administrators, the importer's own, the actor's rights. */
function accountProblems(actor: ImportActor, values: ImportRow, existing: ExistingUser | null) {
  const problems: RowProblem[] = [];
  const role = values.role ?? existing?.role ?? "EMPLOYEE";
  // Import never makes or unmakes an administrator: that stays a deliberate, audited edit.
  if (isAdministratorRole(role) !== isAdministratorRole(existing?.role ?? "")) {
    problems.push({ column: "role", messageKey: "org.import.adminRoleRefused" });
  }
  if (existing && isAdministratorRole(existing.role) && !values.active) {
    problems.push({ column: "active", messageKey: "org.import.adminDeactivationRefused" });
  }
  if (actor && existing?.id === actor.id) {
    if (role !== existing.role) {
      problems.push({ column: "role", messageKey: "org.user.cannotChangeOwnRole" });
    }
    if (!values.active) {
      problems.push({ column: "active", messageKey: "org.user.cannotDeactivateSelf" });
    }
  }
  const touched = existing ? existing.role : role;
  if (actor && !can(actor, "update", { type: "User", role: touched })) {
    problems.push({ column: "role", messageKey: "org.user.roleNotAllowed" });
  }
  if (values.managerOf.length > 0 && !managesDepartments(role as Role)) {
    problems.push({ column: "manager of", messageKey: "org.import.managerOfNeedsManagerRole" });
  }
  return problems;
}

function changesOf(
  values: ImportRow,
  existing: ExistingUser,
  departments: DepartmentIndex,
): FieldChange[] {
  const before = {
    name: existing.name,
    department: existing.departmentId
      ? (departments.pathById.get(existing.departmentId) ?? "")
      : "",
    "job title": existing.jobTitle,
    "hire date": isoDay(existing.hireDate),
    role: existing.role,
    "manager of": joinPaths(
      existing.managedDepartments.map((m) => departments.pathById.get(m.departmentId) ?? ""),
    ),
    active: String(existing.active),
  };
  const department = values.department.join(PATH_SEPARATOR);
  const after = {
    name: values.name,
    department:
      pathKey(values.department) === before.department.toLowerCase()
        ? before.department
        : department,
    "job title": values.jobTitle,
    "hire date": values.hireDate,
    role: values.role ?? existing.role,
    "manager of": joinPaths(values.managerOf.map((parts) => parts.join(PATH_SEPARATOR))),
    active: String(values.active),
  };
  const sameManaged = before["manager of"].toLowerCase() === after["manager of"].toLowerCase();
  return (Object.keys(before) as (keyof typeof before)[])
    .filter((field) => (field === "manager of" ? !sameManaged : before[field] !== after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function planRow(
  parsed: ParsedRow,
  actor: ImportActor,
  existing: ExistingUser | null,
  departments: DepartmentIndex,
  creatable: Set<string>,
): RowPlan {
  const base = { row: parsed.row, email: parsed.email, name: parsed.name, existing };
  const values = parsed.values;
  if (!values) return { ...base, kind: "error", changes: [], problems: parsed.problems, values };
  const problems = accountProblems(actor, values, existing);
  const known = (parts: string[]) =>
    departments.idByKey.has(pathKey(parts)) || creatable.has(pathKey(parts));
  if (!values.managerOf.every(known)) {
    problems.push({ column: "manager of", messageKey: "org.import.unknownDepartment" });
  }
  if (problems.length > 0) return { ...base, kind: "error", changes: [], problems, values: null };
  if (!existing) return { ...base, kind: "create", changes: [], problems, values };
  const changes = changesOf(values, existing, departments);
  return { ...base, kind: changes.length > 0 ? "update" : "unchanged", changes, problems, values };
}

/** Active people the file does not name; never the importer, never an administrator. */
function missingPeople(rows: readonly ParsedRow[], users: ExistingUser[], actor: ImportActor) {
  const named = new Set(rows.map((row) => row.email));
  return users
    .filter(
      (u) => u.active && !named.has(u.email) && !isAdministratorRole(u.role) && u.id !== actor?.id,
    )
    .map((u) => ({ id: u.id, email: u.email, name: u.name }));
}

export async function planStaffImport(
  tx: DbTx,
  rows: readonly ParsedRow[],
  actor: ImportActor,
  options: { deactivateMissing: boolean },
): Promise<ImportPlan> {
  const [users, departments] = await Promise.all([loadUsers(tx), loadDepartmentIndex(tx)]);
  const byEmail = new Map(users.map((user) => [user.email, user]));
  // Only the department column creates departments; "manager of" must name one of those.
  const newDepartments = departmentsToCreate(
    rows.flatMap((row) => (row.values ? [row.values.department] : [])),
    departments,
  );
  const creatable = new Set(newDepartments.map((d) => pathKey(d.path.split(PATH_SEPARATOR))));
  const planned = rows.map((row) =>
    planRow(row, actor, byEmail.get(row.email) ?? null, departments, creatable),
  );
  // Departments only rows that failed would have needed are not created.
  const needed = new Set(
    planned.flatMap((row) => (row.values ? ancestorKeys(row.values.department) : [])),
  );
  const departmentPlan = newDepartments.filter((d) =>
    needed.has(pathKey(d.path.split(PATH_SEPARATOR))),
  );
  const deactivate = options.deactivateMissing ? missingPeople(rows, users, actor) : [];
  const activeStaff = users.filter((u) => u.active).length;
  const percent = getEnv().IMPORT_DEACTIVATION_LIMIT_PERCENT;
  const counts = countPlan(planned, departmentPlan.length, deactivate.length);
  return {
    rows: planned,
    departments: departmentPlan,
    deactivate,
    activeStaff,
    deactivationLimit: Math.floor((activeStaff * percent) / 100),
    counts,
    digest: digestOf(planned, departmentPlan, deactivate),
  };
}

function ancestorKeys(parts: readonly string[]) {
  return parts.map((_, i) => pathKey(parts.slice(0, i + 1)));
}

function countPlan(rows: RowPlan[], departments: number, deactivate: number): ImportCounts {
  const counts: ImportCounts = {
    create: 0,
    update: 0,
    unchanged: 0,
    error: 0,
    departments,
    deactivate,
  };
  for (const row of rows) counts[row.kind]++;
  return counts;
}

function digestOf(
  rows: RowPlan[],
  departments: DepartmentToCreate[],
  deactivate: { id: string }[],
) {
  const hash = createHash("sha256");
  for (const row of rows) {
    hash.update(
      `${row.row}\u0000${row.kind}\u0000${row.email}\u0000${JSON.stringify(row.changes)}\n`,
    );
  }
  for (const d of departments) hash.update(`d\u0000${d.path}\u0000${d.code}\n`);
  for (const person of deactivate) hash.update(`x\u0000${person.id}\n`);
  return hash.digest("hex");
}

/** More people to deactivate than the limit: the commit wants a second confirmation. */
export const needsDeactivationConfirmation = (plan: ImportPlan) =>
  plan.deactivate.length > plan.deactivationLimit;

/** Nothing to write: every row unchanged or in error, no department, nobody to deactivate. */
export const planIsEmpty = (plan: ImportPlan) =>
  plan.counts.create + plan.counts.update + plan.counts.departments + plan.counts.deactivate === 0;
