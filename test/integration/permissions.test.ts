import { describe, expect, it } from "vitest";
import { withDescendants } from "~/lib/department-tree";
import { can, managesDepartments, PERMISSIONS, ROLES, type Principal } from "~/lib/permissions";
import { navigationFor } from "~/lib/ui/navigation";

const principal = (role: Principal["role"], scopeDepartmentIds: string[] = []): Principal => ({
  id: `u-${role}`,
  role,
  scopeDepartmentIds,
});

describe("permission map", () => {
  it("lets only HR and admins read and create users, and only admins manage departments and read the audit log", () => {
    const table = ROLES.map((role) => [
      role,
      can(principal(role), "read", "User"),
      can(principal(role), "create", "User"),
      can(principal(role), "update", "Department"),
      can(principal(role), "read", "AuditEvent"),
    ]);
    expect(table).toEqual([
      ["EMPLOYEE", false, false, false, false],
      ["TRAINER", false, false, false, false],
      ["MANAGER", false, false, false, false],
      ["HR", true, true, false, false],
      ["ADMIN", true, true, true, true],
    ]);
  });

  it("denies by default: nobody signed in, and subjects a role has no grant for", () => {
    expect(can(null, "read", "Home")).toBe(false);
    expect(can(principal("EMPLOYEE"), "delete", "Idea")).toBe(false);
    expect(PERMISSIONS.EMPLOYEE.User).toBeUndefined();
  });

  it("limits a manager's reports to the departments they manage and their descendants", () => {
    const tree = [
      { id: "cs", parentId: null },
      { id: "cc", parentId: "cs" },
      { id: "cc-night", parentId: "cc" },
      { id: "sales", parentId: null },
    ];
    const scope = withDescendants(tree, ["cs"]);
    expect(scope.sort()).toEqual(["cc", "cc-night", "cs"]);
    const manager = principal("MANAGER", scope);
    expect(can(manager, "read", { type: "Report", departmentId: "cc-night" })).toBe(true);
    expect(can(manager, "read", { type: "Report", departmentId: "sales" })).toBe(false);
    expect(can(manager, "read", { type: "Report", departmentId: null })).toBe(false);
    expect(can(principal("HR"), "read", { type: "Report", departmentId: "sales" })).toBe(true);
  });

  it("gives a managed-department list only to roles with a department scope", () => {
    expect(ROLES.filter(managesDepartments)).toEqual(["MANAGER"]);
  });

  it("lets people change only their own settings", () => {
    const employee = principal("EMPLOYEE");
    expect(can(employee, "update", { type: "Settings", ownerId: employee.id })).toBe(true);
    expect(can(employee, "update", { type: "Settings", ownerId: "someone-else" })).toBe(false);
  });

  it("builds each role's navigation from the map", () => {
    const links = (role: Principal["role"]) =>
      navigationFor(principal(role)).map((item) => item.to);
    expect(links("EMPLOYEE")).toEqual([
      "/",
      "/learn",
      "/certificates",
      "/ideas",
      "/rewards",
      "/settings",
    ]);
    expect(links("MANAGER")).toEqual([
      "/",
      "/learn",
      "/certificates",
      "/ideas",
      "/rewards",
      "/initiatives",
      "/assignments",
      "/reports",
      "/settings",
    ]);
    expect(links("TRAINER")).toEqual([
      "/",
      "/learn",
      "/certificates",
      "/ideas",
      "/rewards",
      "/courses",
      "/settings",
    ]);
    expect(links("HR")).toEqual([
      "/",
      "/learn",
      "/certificates",
      "/ideas",
      "/rewards",
      "/initiatives",
      "/courses",
      "/assignments",
      "/reports",
      "/admin/users",
      "/admin/import",
      "/settings",
    ]);
    expect(links("ADMIN")).toEqual([
      "/",
      "/learn",
      "/certificates",
      "/ideas",
      "/rewards",
      "/initiatives",
      "/courses",
      "/assignments",
      "/reports",
      "/admin/users",
      "/admin/import",
      "/admin/departments",
      "/admin/audit",
      "/admin/outbox",
      "/admin/backups",
      "/admin/integrations",
      "/settings",
    ]);
  });
});
