// The readiness roll-up through the department tree and its confidentiality (decision 038),
// pure: the same tally, the same tree and the same floor always give the same shown cells,
// whichever view (HR, a manager's subtree, a department filter) asks for them.
import type { TreeNode } from "~/lib/department-tree";
import { ADKAR_ELEMENTS, type AdkarElement, type ElementMeans } from "./adkar";

/** What a group's answers add up to: no person, only counts and sums. */
export interface GroupTally {
  respondents: number;
  sums: Record<AdkarElement, number>;
  /** Respondents whose own first barrier is each element ("none": no answer ≤ 3). */
  barriers: Record<AdkarElement | "none", number>;
}

export const BARRIER_KEYS = [...ADKAR_ELEMENTS, "none"] as const;
export type BarrierKey = (typeof BARRIER_KEYS)[number];

export function emptyTally(): GroupTally {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  return { respondents: 0, sums: zero(ADKAR_ELEMENTS), barriers: zero(BARRIER_KEYS) };
}

export function addTally(target: GroupTally, source: GroupTally): GroupTally {
  target.respondents += source.respondents;
  for (const element of ADKAR_ELEMENTS) target.sums[element] += source.sums[element];
  for (const key of BARRIER_KEYS) target.barriers[key] += source.barriers[key];
  return target;
}

/** The element means (1–5) of a tally with respondents. */
export function meansOf(tally: GroupTally): ElementMeans {
  return Object.fromEntries(
    ADKAR_ELEMENTS.map((element) => [element, tally.sums[element] / tally.respondents]),
  ) as ElementMeans;
}

/** The share (0–1) of respondents whose own first barrier is each element, or none. */
export function barrierSharesOf(tally: GroupTally): Record<BarrierKey, number> {
  return Object.fromEntries(
    BARRIER_KEYS.map((key) => [key, tally.barriers[key] / tally.respondents]),
  ) as Record<BarrierKey, number>;
}

/** A barrier column value as stored ("" = none) as a key of the tally. */
export function barrierKey(stored: string): BarrierKey {
  return (ADKAR_ELEMENTS as readonly string[]).includes(stored) ? (stored as AdkarElement) : "none";
}

export interface ForestNode {
  id: string;
  /** The nearest ancestor that is also in the forest, or null for a root. */
  parentId: string | null;
}

/**
 * The departments `ids` as a forest: each hangs under its nearest ancestor (in the whole
 * organisation's tree) that is also among `ids`. Order: the organisation's order.
 */
export function readinessForest(
  organisation: readonly TreeNode[],
  ids: Iterable<string>,
): ForestNode[] {
  const wanted = new Set(ids);
  const parentOf = new Map(organisation.map((node) => [node.id, node.parentId]));
  const forest: ForestNode[] = [];
  for (const node of organisation) {
    if (!wanted.has(node.id)) continue;
    let parentId = node.parentId;
    const seen = new Set<string>();
    while (parentId !== null && !wanted.has(parentId) && !seen.has(parentId)) {
      seen.add(parentId);
      parentId = parentOf.get(parentId) ?? null;
    }
    forest.push({
      id: node.id,
      parentId: parentId !== null && wanted.has(parentId) ? parentId : null,
    });
  }
  return forest;
}

export interface RolledNode {
  id: string;
  parentId: string | null;
  depth: number;
  children: string[];
  /** This department's own respondents and those of every department below it. */
  total: GroupTally;
}

export interface Rollup {
  nodes: Map<string, RolledNode>;
  /** Every node, parents before their children (depth first, in forest order). */
  order: string[];
  roots: string[];
  /** The company: every respondent of the forest. */
  company: GroupTally;
}

/** Sums each node's own tally with its descendants' (a parent includes its sub-departments). */
export function rollUp(
  forest: readonly ForestNode[],
  own: ReadonlyMap<string, GroupTally>,
): Rollup {
  const nodes = new Map<string, RolledNode>();
  for (const node of forest) {
    nodes.set(node.id, {
      id: node.id,
      parentId: node.parentId,
      depth: 0,
      children: [],
      total: addTally(emptyTally(), own.get(node.id) ?? emptyTally()),
    });
  }
  const roots: string[] = [];
  for (const node of forest) {
    if (node.parentId === null) roots.push(node.id);
    else nodes.get(node.parentId)!.children.push(node.id);
  }
  const order: string[] = [];
  const visit = (id: string, depth: number) => {
    const node = nodes.get(id)!;
    node.depth = depth;
    order.push(id);
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  // Children come after their parent in `order`: add them up from the end.
  for (let index = order.length - 1; index >= 0; index--) {
    const node = nodes.get(order[index]!)!;
    if (node.parentId !== null) addTally(nodes.get(node.parentId)!.total, node.total);
  }
  const company = emptyTally();
  for (const root of roots) addTally(company, nodes.get(root)!.total);
  return { nodes, order, roots, company };
}

export interface Suppression {
  /** Departments whose results may be shown. */
  shown: Set<string>;
  /** Whether the company row may be shown. */
  company: boolean;
}

/**
 * Primary and secondary suppression on the whole tree, bottom-up. A node shows only when
 * its respondents reach the floor and its remainder — its respondents minus those of the
 * shown groups directly below it (its shown children, and below a hidden child that child's
 * own shown groups) — is 0 or reaches the floor too; otherwise subtracting the shown groups
 * from it would reveal fewer than `floor` people's answers. The company row obeys the same
 * rule over the roots. Computed once per pulse so that every view shows the same cells.
 */
export function suppress(rollup: Rollup, floor: number): Suppression {
  const shown = new Set<string>();
  // The respondents of the shown groups at the top of each node's subtree (itself if shown).
  const covered = new Map<string, number>();
  const decide = (count: number, below: number) =>
    count >= floor && (count - below === 0 || count - below >= floor);
  for (let index = rollup.order.length - 1; index >= 0; index--) {
    const node = rollup.nodes.get(rollup.order[index]!)!;
    const below = node.children.reduce((sum, child) => sum + covered.get(child)!, 0);
    const count = node.total.respondents;
    if (decide(count, below)) {
      shown.add(node.id);
      covered.set(node.id, count);
    } else {
      covered.set(node.id, below);
    }
  }
  const below = rollup.roots.reduce((sum, root) => sum + covered.get(root)!, 0);
  return { shown, company: decide(rollup.company.respondents, below) };
}
