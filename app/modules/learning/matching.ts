import { withDescendants, type TreeNode } from "~/lib/department-tree";

// Pure rule matching: who does an assignment rule cover, and when is it due for them.

export interface MatchableUser {
  id: string;
  departmentId: string | null;
  role: string;
  jobTitle: string;
  hireDate: Date | null;
  active: boolean;
}

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

const DAY_MS = 24 * 3600 * 1000;

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
  const hiredAfter = rule.hiredAfter ?? rule.createdAt;
  return (user: MatchableUser): boolean => {
    if (!user.active) return false;
    if (rule.newHiresOnly && !(user.hireDate && user.hireDate > hiredAfter)) return false;
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
  if (rule.newHiresOnly && user.hireDate && rule.dueDays !== null) {
    return new Date(user.hireDate.getTime() + rule.dueDays * DAY_MS);
  }
  if (rule.dueMode === "DATE") return rule.dueDate;
  return rule.dueDays === null ? null : new Date(assignedAt.getTime() + rule.dueDays * DAY_MS);
}

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

/** Derived display status: OVERDUE and EXPIRED come from dates, never stored. */
export function displayStatus(
  enrolment: { status: string; dueAt: Date | null; expiresAt: Date | null },
  now: Date,
): "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | "OVERDUE" | "EXPIRED" {
  if (enrolment.status === "COMPLETED") {
    return enrolment.expiresAt && enrolment.expiresAt <= now ? "EXPIRED" : "COMPLETED";
  }
  if (enrolment.dueAt && enrolment.dueAt < now) return "OVERDUE";
  return enrolment.status === "IN_PROGRESS" ? "IN_PROGRESS" : "NOT_STARTED";
}
