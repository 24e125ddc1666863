import { childrenByParent, type TreeNode } from "~/lib/department-tree";
import { addCounters, emptyCounters, type ProgressCounters } from "~/modules/learning";

// The roll-up through the department tree: pure, so it is tested without a database.

export interface ReportDepartment extends TreeNode {
  name: string;
}

export interface RolledUpDepartment extends ReportDepartment {
  /** 0 for a root of the visible tree. */
  depth: number;
  /** The department's own counters plus those of every visible department below it. */
  counters: ProgressCounters;
}

/**
 * Each visible department with its counters rolled up from the departments below it, in
 * display order (a parent first, then its children in the given order), and the total of
 * the roots. `visibleIds` null shows every department; otherwise a department whose parent
 * is hidden (a manager's top department) becomes a root.
 */
export function rollUpDepartments(
  departments: readonly ReportDepartment[],
  own: ReadonlyMap<string, ProgressCounters>,
  visibleIds: readonly string[] | null,
): { rows: RolledUpDepartment[]; total: ProgressCounters } {
  const visible = visibleIds
    ? departments.filter((d) => visibleIds.includes(d.id))
    : [...departments];
  const shown = new Set(visible.map((d) => d.id));
  const children = childrenByParent(visible);
  const rows: RolledUpDepartment[] = [];
  const rollUp = (node: ReportDepartment, depth: number): ProgressCounters => {
    const counters = addCounters(emptyCounters(), own.get(node.id) ?? emptyCounters());
    rows.push({ id: node.id, name: node.name, parentId: node.parentId, depth, counters });
    for (const child of children.get(node.id) ?? [])
      addCounters(counters, rollUp(child, depth + 1));
    return counters;
  };
  const total = emptyCounters();
  for (const root of visible.filter((d) => !d.parentId || !shown.has(d.parentId))) {
    addCounters(total, rollUp(root, 0));
  }
  return { rows, total };
}
