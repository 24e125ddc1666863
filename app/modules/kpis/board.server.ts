// The company KPI board (decision 041): every KPI × department in the viewer's reach with its
// latest value, change since baseline and status, read from the standings kept on
// KpiDepartment (one read of the pairs, however many pages), filtered by KPI, department
// (with its sub-departments: the drill-down from the tree) and status.
import { withDescendants } from "~/lib/department-tree";
import { getDb } from "~/lib/db.server";
import { ForbiddenError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, type Principal } from "~/lib/permissions";
import { departmentNames } from "~/modules/org/index.server";
import { departmentFilter, kpiDepartmentReach } from "./access.server";
import type { BoardQuery } from "./schemas";
import { gainOver, KPI_STATUSES, roundTo, type KpiStatusValue } from "./status";

export const BOARD_PAGE_SIZE = 50;

/** The departments as a tree in display order, with depths (the filter's options). */
export function treeOrder(nodes: readonly { id: string; name: string; parentId: string | null }[]) {
  const children = new Map<string | null, typeof nodes>();
  for (const node of nodes) {
    const list = children.get(node.parentId) ?? [];
    children.set(node.parentId, [...list, node]);
  }
  const ids = new Set(nodes.map((n) => n.id));
  const out: { id: string; name: string; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    const list = [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const node of list) {
      out.push({ id: node.id, name: node.name, depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  // Departments whose parent is gone still show, at the top level.
  for (const node of nodes)
    if (node.parentId && !ids.has(node.parentId) && !out.some((o) => o.id === node.id))
      out.push({ id: node.id, name: node.name, depth: 0 });
  return out;
}

/** The non-archived KPIs, by name (the board's KPI columns and the filter's choices). */
function activeKpis() {
  return getDb().kpiDefinition.findMany({
    where: { archived: false },
    select: { id: true, name: true, unit: true, precision: true, direction: true, period: true },
    orderBy: { name: "asc" },
  });
}
type ActiveKpi = Awaited<ReturnType<typeof activeKpis>>[number];

/**
 * The rows for the filters, given the department tree and the KPIs already read: one read of
 * the pairs of those KPIs (by id, no join), the KPI and the department attached in memory.
 */
async function rowsOf(
  viewer: Principal,
  query: Omit<BoardQuery, "page">,
  nodes: readonly { id: string; name: string; parentId: string | null }[],
  kpis: readonly ActiveKpi[],
) {
  const reach = kpiDepartmentReach(viewer);
  const order = treeOrder(nodes);
  const rank = new Map(order.map((d, index) => [d.id, index]));
  // The drill-down narrows the reach, never widens it: a manager's ?department= elsewhere
  // shows nothing.
  const drilled = query.department ? withDescendants(nodes, [query.department]) : null;
  const mine = reach === "all" ? null : new Set(reach);
  const departments = drilled
    ? drilled.filter((id) => !mine || mine.has(id))
    : reach === "all"
      ? null
      : reach;
  const kpiById = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  const kpiIds = query.kpi ? (kpiById.has(query.kpi) ? [query.kpi] : []) : [...kpiById.keys()];
  if (kpiIds.length === 0 || departments?.length === 0) return [];
  const pairs = await getDb().kpiDepartment.findMany({
    where: {
      kpiId: { in: kpiIds },
      ...(departments ? { departmentId: { in: departments } } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    select: {
      kpiId: true,
      departmentId: true,
      baselineValue: true,
      targetValue: true,
      targetOn: true,
      latestValue: true,
      latestPeriod: true,
      expectedValue: true,
      status: true,
    },
  });
  const names = new Map(order.map((d) => [d.id, d]));
  return pairs
    .map((pair) => {
      const kpi = kpiById.get(pair.kpiId)!;
      const change =
        pair.latestValue !== null && pair.baselineValue !== null
          ? roundTo(pair.latestValue - pair.baselineValue, kpi.precision)
          : null;
      return {
        kpiId: pair.kpiId,
        kpiName: kpi.name,
        unit: kpi.unit,
        precision: kpi.precision,
        direction: kpi.direction,
        period: kpi.period,
        departmentId: pair.departmentId,
        departmentName: names.get(pair.departmentId)?.name ?? "",
        depth: names.get(pair.departmentId)?.depth ?? 0,
        baselineValue: pair.baselineValue,
        targetValue: pair.targetValue,
        targetOn: pair.targetOn,
        latestValue: pair.latestValue,
        latestPeriod: pair.latestPeriod,
        expectedValue: pair.expectedValue,
        change,
        /** Whether the change is for the better (+1), worse (−1) or none (0). */
        changeSense:
          change === null || change === 0 ? 0 : Math.sign(gainOver(kpi.direction, 0, change)),
        status: pair.status as KpiStatusValue,
      };
    })
    .sort(
      (a, b) =>
        (rank.get(a.departmentId) ?? 0) - (rank.get(b.departmentId) ?? 0) ||
        a.kpiName.localeCompare(b.kpiName) ||
        a.kpiId.localeCompare(b.kpiId),
    );
}

/** Every board row matching the filters, in tree order then KPI name (for the page and CSV). */
export async function boardRows(viewer: Principal, query: Omit<BoardQuery, "page">) {
  if (!can(viewer, "read", "Kpi")) throw new ForbiddenError();
  const [nodes, kpis] = await Promise.all([departmentNames(), activeKpis()]);
  return rowsOf(viewer, query, nodes, kpis);
}
export type BoardRow = Awaited<ReturnType<typeof boardRows>>[number];

/**
 * One page of the board, with the status counts of everything the filters match. The tree
 * and the KPIs are read once and serve both the rows and the filter's choices.
 */
export async function kpiBoard(viewer: Principal, query: BoardQuery) {
  if (!can(viewer, "read", "Kpi")) throw new ForbiddenError();
  const reach = kpiDepartmentReach(viewer);
  const [nodes, kpis, kpisInReach] = await Promise.all([
    departmentNames(),
    activeKpis(),
    // A manager chooses among the KPIs that apply somewhere in their tree.
    reach === "all"
      ? null
      : getDb().kpiDepartment.findMany({
          where: departmentFilter(reach),
          distinct: ["kpiId"],
          select: { kpiId: true },
        }),
  ]);
  const rows = await rowsOf(viewer, { ...query, status: "" }, nodes, kpis);
  const counts = Object.fromEntries(KPI_STATUSES.map((s) => [s, 0])) as Record<
    KpiStatusValue,
    number
  >;
  for (const row of rows) counts[row.status]++;
  const shown = query.status ? rows.filter((row) => row.status === query.status) : rows;
  const { skip, take, summary } = paginate(query.page, BOARD_PAGE_SIZE);
  const applying = kpisInReach ? new Set(kpisInReach.map((pair) => pair.kpiId)) : null;
  const visible = reach === "all" ? null : new Set(reach);
  return {
    page: summary(shown.length),
    rows: shown.slice(skip, skip + take),
    counts,
    filters: query,
    kpiChoices: kpis
      .filter((kpi) => !applying || applying.has(kpi.id))
      .map((kpi) => ({ id: kpi.id, name: kpi.name })),
    departmentChoices: treeOrder(nodes).filter((d) => !visible || visible.has(d.id)),
  };
}
export type KpiBoard = Awaited<ReturnType<typeof kpiBoard>>;
