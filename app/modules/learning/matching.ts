import { DAY_MS } from "~/lib/dates";
import { withDescendants, type TreeNode } from "~/lib/department-tree";

// Pure rule matching: who does an assignment rule cover, and when is it due for them.

export interface MatchableUser {
  id: string;
  departmentId: string | null;
  role: string;
  jobTitle: string;
  hireDate: Date | null;
  /** When the account was created: the hire date for new-hire rules if none was entered. */
  createdAt: Date;
  active: boolean;
}

/** Midnight UTC of the day: new-hire cut-offs compare whole days. */
export const startOfDay = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** The last millisecond of the day (UTC): a fixed due date is due until the day ends. */
export const endOfDay = (date: Date) => new Date(startOfDay(date).getTime() + DAY_MS - 1);

const hiredOn = (user: MatchableUser) => user.hireDate ?? user.createdAt;

export interface MatchableRule {
  targetType: string;
  departmentId: string | null;
  includeSubDepartments: boolean;
  role: string | null;
  jobTitle: string | null;
  userIds: string[];
  newHiresOnly: boolean;
  hiredAfter: Date | null;
  createdAt: Date;
  dueMode: string;
  dueDays: number | null;
  dueDate: Date | null;
}

/** A function telling whether a user is covered by the rule (department tree resolved once). */
export function ruleMatcher(rule: MatchableRule, departments: readonly TreeNode[]) {
  const departmentIds = new Set(
    rule.targetType === "DEPARTMENT" && rule.departmentId
      ? rule.includeSubDepartments
        ? withDescendants(departments, [rule.departmentId])
        : [rule.departmentId]
      : [],
  );
  const people = new Set(rule.userIds);
  const title = (rule.jobTitle ?? "").trim().toLowerCase();
  // Hired on or after the cut-off day counts as a new hire.
  const hiredFrom = startOfDay(rule.hiredAfter ?? rule.createdAt);
  return (user: MatchableUser): boolean => {
    if (!user.active) return false;
    if (rule.newHiresOnly && hiredOn(user) < hiredFrom) return false;
    switch (rule.targetType) {
      case "ALL":
        return true;
      case "DEPARTMENT":
        return user.departmentId !== null && departmentIds.has(user.departmentId);
      case "ROLE":
        return user.role === rule.role;
      case "JOB_TITLE":
        return user.jobTitle.trim().toLowerCase() === title;
      case "PEOPLE":
        return people.has(user.id);
      default:
        return false;
    }
  };
}

/** When the rule makes the course due for this user, assigned at `assignedAt`. */
export function dueDateFor(
  rule: MatchableRule,
  user: MatchableUser,
  assignedAt: Date,
): Date | null {
  if (rule.newHiresOnly && rule.dueDays !== null) {
    return endOfDay(new Date(startOfDay(hiredOn(user)).getTime() + rule.dueDays * DAY_MS));
  }
  if (rule.dueMode === "DATE") return rule.dueDate ? endOfDay(rule.dueDate) : null;
  return rule.dueDays === null ? null : new Date(assignedAt.getTime() + rule.dueDays * DAY_MS);
}

/** Same day N months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
