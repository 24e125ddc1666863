// The one permission map. Every loader and action asks `can` (through requirePermission);
// nothing else compares roles. Deny by default: what is not listed here is refused.
import { ForbiddenError } from "./errors";

export const ROLES = ["EMPLOYEE", "TRAINER", "MANAGER", "HR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ["read", "create", "update", "delete", "import"] as const;
export type Action = (typeof ACTIONS)[number];

export type Subject =
  | "Home"
  | "Settings"
  | "User"
  | "Department"
  | "AuditEvent"
  | "Learning"
  | "Course"
  | "Assignment"
  | "Report"
  | "Reminder"
  | "Notification"
  | "Outbox"
  | "Backup"
  | "SecurityPolicy"
  | "Idea"
  | "IdeaAuthor"
  | "IdeaOwnership"
  | "Reward"
  | "Redemption"
  | "Kudos"
  | "Points"
  | "IncentiveRules"
  | "Initiative"
  | "Pulse"
  | "PulseResponse"
  | "Readiness"
  | "Kpi"
  | "KpiActual"
  | "CustomerFeedback"
  | "Process"
  | "Risk"
  | "ApiToken"
  | "Webhook";

/**
 * "any": everywhere. "tree": only inside the departments the user manages (and their
 * descendants). "self": only the user's own record.
 */
export type Scope = "any" | "tree" | "self";

type Grants = Partial<Record<Subject, Partial<Record<Action, Scope>>>>;

const ALL: Record<Action, Scope> = {
  read: "any",
  create: "any",
  update: "any",
  delete: "any",
  import: "any",
};

const employee: Grants = {
  Home: { read: "any" },
  Settings: { read: "self", update: "self" },
  Notification: { read: "self", update: "self" },
  Learning: { read: "self" },
  Idea: { read: "any", create: "any" },
  // The incentive board (decision 031): the catalogue, leaderboards, the kudos wall and the
  // badge rules are public; a person's points and requests are their own.
  Reward: { read: "any" },
  Redemption: { read: "self", create: "self", update: "self" },
  Kudos: { read: "any", create: "any" },
  Points: { read: "self" },
  IncentiveRules: { read: "any" },
  // Answering a pulse survey one is asked (decision 037): one's own answer only.
  PulseResponse: { create: "self", read: "self", update: "self" },
};

// Being named an idea's owner (the person who carries it out): every role but EMPLOYEE.
const ideaOwner: Grants = { IdeaOwnership: { create: "any" } };

const trainer: Grants = {
  ...employee,
  ...ideaOwner,
  Course: { read: "any", create: "any", update: "self" },
};

const manager: Grants = {
  ...employee,
  ...ideaOwner,
  Assignment: { read: "tree", create: "tree", delete: "tree" },
  Report: { read: "tree" },
  Reminder: { create: "tree" },
  // Reviewing (workflow, owner, merge, voters, export) the ideas of their own tree.
  Idea: { ...employee.Idea, update: "tree" },
  // The initiatives that target their tree, their pulses and their departments' readiness.
  Initiative: { read: "tree" },
  Pulse: { read: "tree" },
  Readiness: { read: "tree" },
  // Customer-satisfaction KPIs (decision 041): their own departments' board, charts and
  // effect; they enter actuals and log customer feedback for their tree.
  Kpi: { read: "tree" },
  KpiActual: { read: "tree", create: "tree", update: "tree", delete: "tree" },
  CustomerFeedback: { read: "tree", create: "tree" },
  // Process maps (decision 042): they edit the processes their tree owns; HR creates them.
  Process: { read: "tree", update: "tree" },
  // The risk registers of the initiatives that reach their tree (decision 043).
  Risk: { read: "tree" },
};

const hr: Grants = {
  ...employee,
  ...ideaOwner,
  Course: { read: "any", create: "any", update: "any" },
  Assignment: { read: "any", create: "any", update: "any", delete: "any" },
  Report: { read: "any" },
  Reminder: { create: "any" },
  Initiative: { read: "any", create: "any", update: "any", delete: "any" },
  // HR opens and closes pulses; nobody's grant reads who answered what (decision 037).
  Pulse: { read: "any", create: "any", update: "any", delete: "any" },
  Readiness: { read: "any" },
  // HR defines the KPIs, their departments, baselines and targets, and imports actuals.
  Kpi: { read: "any", create: "any", update: "any", delete: "any" },
  KpiActual: { read: "any", create: "any", update: "any", delete: "any", import: "any" },
  CustomerFeedback: { read: "any", create: "any", update: "any", delete: "any" },
  Process: { read: "any", create: "any", update: "any", delete: "any" },
  Risk: { read: "any", create: "any", update: "any", delete: "any" },
  User: { read: "any", create: "any", update: "any", import: "any" },
  // update: review ideas; delete: moderate (hide ideas and comments).
  Idea: { ...employee.Idea, update: "any", delete: "any" },
  // HR runs the incentive board: the catalogue, the redemption queue, anyone's points and
  // adjustments (create), kudos settings and flagged pairs (update), earning and badge rules.
  Reward: { ...employee.Reward, create: "any", update: "any" },
  Redemption: { ...employee.Redemption, read: "any", update: "any" },
  Kudos: { ...employee.Kudos, update: "any" },
  Points: { read: "any", create: "any" },
  IncentiveRules: { read: "any", update: "any" },
};

const admin: Grants = {
  Home: ALL,
  Settings: ALL,
  User: ALL,
  Department: ALL,
  AuditEvent: { read: "any" },
  Learning: ALL,
  Course: ALL,
  Assignment: ALL,
  Report: ALL,
  Reminder: ALL,
  Notification: ALL,
  Outbox: { read: "any" },
  // Backups: the list, downloads (read) and "Back up now" (create).
  Backup: { read: "any", create: "any" },
  // Sign-in policy (two-factor required for ADMIN and HR).
  SecurityPolicy: { read: "any", update: "any" },
  Idea: ALL,
  // Authors of anonymous ideas are visible to administrators only.
  IdeaAuthor: { read: "any" },
  ...ideaOwner,
  Reward: ALL,
  Redemption: ALL,
  Kudos: ALL,
  Points: ALL,
  IncentiveRules: ALL,
  Initiative: ALL,
  Pulse: ALL,
  PulseResponse: { create: "self", read: "self", update: "self" },
  Readiness: { read: "any" },
  Kpi: ALL,
  KpiActual: ALL,
  CustomerFeedback: ALL,
  Process: ALL,
  Risk: ALL,
  // API tokens (decision 044): list, create, revoke; a token acts as its admin.
  ApiToken: { read: "any", create: "any", update: "any" },
  // Webhook subscriptions and their delivery log (decision 045): administrators only.
  Webhook: ALL,
};

export const PERMISSIONS: Record<Role, Grants> = {
  EMPLOYEE: employee,
  TRAINER: trainer,
  MANAGER: manager,
  HR: hr,
  ADMIN: admin,
};

/** What a permission check needs to know about the user. */
export interface Principal {
  id: string;
  role: Role;
  /** Departments the user manages, with all their descendants. */
  scopeDepartmentIds: readonly string[];
}

/** A specific record, for scoped checks. */
export interface SubjectRecord {
  type: Subject;
  departmentId?: string | null;
  ownerId?: string | null;
  /** For users: the role the account has, or is being given. */
  role?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function grantScope(role: Role, action: Action, subject: Subject): Scope | undefined {
  return PERMISSIONS[role][subject]?.[action];
}

/**
 * May `user` do `action` on `subject`? With a subject type alone the answer is "on some
 * records"; with a record, scoped grants are checked against it.
 */
export function can(
  user: Principal | null | undefined,
  action: Action,
  subject: Subject | SubjectRecord,
): boolean {
  if (!user) return false;
  const record = typeof subject === "string" ? undefined : subject;
  const scope = grantScope(user.role, action, typeof subject === "string" ? subject : subject.type);
  if (!scope) return false;
  // Only administrators create, change or deactivate administrator accounts.
  if (
    record?.type === "User" &&
    record.role === "ADMIN" &&
    action !== "read" &&
    user.role !== "ADMIN"
  ) {
    return false;
  }
  if (scope === "any" || !record) return true;
  if (scope === "self") return record.ownerId === user.id;
  return record.departmentId != null && user.scopeDepartmentIds.includes(record.departmentId);
}

/**
 * `can`, throwing when it says no. The message says why: a role without the grant is told
 * its role does not allow it; a manager whose role allows it, but whose record lies outside
 * their departments (or an own-records grant on someone else's record), is told that instead.
 */
export function assertCan(
  user: Principal | null | undefined,
  action: Action,
  subject: Subject | SubjectRecord,
): void {
  if (can(user, action, subject)) return;
  const type = typeof subject === "string" ? subject : subject.type;
  const scope = user ? grantScope(user.role, action, type) : undefined;
  const outsideScope = typeof subject !== "string" && (scope === "tree" || scope === "self");
  throw new ForbiddenError(outsideScope ? "errors.outsideScope" : "errors.forbidden");
}

/** May `user` do `action` on every record of `subject` (not only own or in-tree ones)? */
export function canOnAll(
  user: Principal | null | undefined,
  action: Action,
  subject: Subject,
): boolean {
  return !!user && grantScope(user.role, action, subject) === "any";
}

/** Creating an account with this role is a sensitive action (re-authentication first). */
export function isAdministratorRole(role: string): boolean {
  return role === "ADMIN";
}

/** The roles an administrator's two-factor policy can require a second factor of. */
export const TWO_FACTOR_POLICY_ROLES: readonly Role[] = ["ADMIN", "HR"];

export function twoFactorPolicyApplies(role: Role): boolean {
  return TWO_FACTOR_POLICY_ROLES.includes(role);
}

/** Roles with any "tree" grant manage departments; only they keep a managed-department list. */
export function managesDepartments(role: Role): boolean {
  return Object.values(PERMISSIONS[role]).some((grants) =>
    Object.values(grants ?? {}).includes("tree"),
  );
}

/**
 * Which records of `subject` the user may `action`, read from the same map as `can`:
 * "all", the departments they manage ("departments"), their own ("own"), or none.
 */
export type Visibility =
  | { kind: "all" }
  | { kind: "departments"; departmentIds: string[] }
  | { kind: "own"; userId: string }
  | { kind: "none" };

export function visibility(
  user: Principal | null | undefined,
  action: Action,
  subject: Subject,
): Visibility {
  const scope = user ? grantScope(user.role, action, subject) : undefined;
  if (!user || !scope) return { kind: "none" };
  if (scope === "any") return { kind: "all" };
  if (scope === "self") return { kind: "own", userId: user.id };
  return { kind: "departments", departmentIds: [...user.scopeDepartmentIds] };
}

/** How a query names the columns a scope filters on; a scope the query cannot express refuses. */
export interface ScopeColumns<Where> {
  /** The filter for records in these departments. */
  department?: (departmentIds: string[]) => Where;
  /** The filter for the user's own records. */
  own?: (userId: string) => Where;
}

/**
 * The filter a query needs so that it returns only the records `user` may `action` — the one
 * visibility rule, so that lists agree with `can` on a single record. `{}` means everything;
 * with no grant (or a scope the query has no column for) it throws ForbiddenError: the route
 * checks the type-level permission first, so this is a programming error, not a user's.
 */
export function scopeWhere<Where extends object>(
  user: Principal | null | undefined,
  action: Action,
  subject: Subject,
  columns: ScopeColumns<Where>,
): Where | Record<string, never> {
  const seen = visibility(user, action, subject);
  if (seen.kind === "all") return {};
  if (seen.kind === "departments" && columns.department) {
    return columns.department(seen.departmentIds);
  }
  if (seen.kind === "own" && columns.own) return columns.own(seen.userId);
  throw new ForbiddenError("errors.forbidden");
}
