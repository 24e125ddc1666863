// Pure helpers over the department tree (id → parentId), shared by permissions and the org module.

export interface TreeNode {
  id: string;
  parentId: string | null;
}

export function childrenByParent<T extends TreeNode>(nodes: readonly T[]): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const node of nodes) {
    const list = map.get(node.parentId) ?? [];
    list.push(node);
    map.set(node.parentId, list);
  }
  return map;
}

/** The given roots and every department below them (each id once). */
export function withDescendants(nodes: readonly TreeNode[], rootIds: readonly string[]): string[] {
  const children = childrenByParent(nodes);
  const seen = new Set<string>();
  const stack = [...rootIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child.id);
  }
  return [...seen];
}
