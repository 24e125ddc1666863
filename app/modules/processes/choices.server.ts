import { withDescendants } from "~/lib/department-tree";
import { visibility, type Principal } from "~/lib/permissions";
import { departmentNames } from "~/modules/org/index.server";

/** The departments the viewer may give a process to: all for HR, their tree for a manager. */
export async function processDepartmentChoices(viewer: Principal) {
  const nodes = await departmentNames();
  const reach = visibility(viewer, "update", "Process");
  const allowed =
    reach.kind === "all"
      ? null
      : new Set(reach.kind === "departments" ? withDescendants(nodes, reach.departmentIds) : []);
  return nodes
    .filter((node) => !allowed || allowed.has(node.id))
    .map((node) => ({ value: node.id, label: node.name }));
}
