import { createOnce } from "~/lib/create-once.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { childrenByParent, withDescendants } from "~/lib/department-tree";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/index.server";
import { enrolCoveredIn } from "~/modules/learning/index.server";
import type { DepartmentCreateInput } from "./schemas";

export interface DepartmentNode {
  id: string;
  name: string;
  code: string;
  parentId: string | null;
  userCount: number;
  children: DepartmentNode[];
}

/** Every department as a tree, sorted by name, with head counts. One query. */
export async function getDepartmentTree(): Promise<DepartmentNode[]> {
  const rows = await getDb().department.findMany({
    select: {
      id: true,
      name: true,
      code: true,
      parentId: true,
      _count: { select: { users: true } },
    },
    orderBy: { name: "asc" },
  });
  const byParent = childrenByParent(rows);
  const build = (parentId: string | null): DepartmentNode[] =>
    (byParent.get(parentId) ?? []).map((row) => ({
      id: row.id,
      name: row.name,
      code: row.code,
      parentId: row.parentId,
      userCount: row._count.users,
      children: build(row.id),
    }));
  return build(null);
}

/** Flat list in tree order with depth, for selects and indented tables. */
export function flattenTree(
  nodes: DepartmentNode[],
  depth = 0,
): (Omit<DepartmentNode, "children"> & { depth: number; childCount: number })[] {
  return nodes.flatMap(({ children, ...node }) => [
    { ...node, depth, childCount: children.length },
    ...flattenTree(children, depth + 1),
  ]);
}

async function assertCodeFree(tx: DbTx, code: string, exceptId?: string) {
  const existing = await tx.department.findUnique({ where: { code }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw new ValidationError({ code: "org.department.codeTaken" });
  }
}

async function assertParentExists(tx: DbTx, parentId: string | null) {
  if (
    parentId &&
    !(await tx.department.findUnique({ where: { id: parentId }, select: { id: true } }))
  ) {
    throw new ValidationError({ parentId: "org.department.parentMissing" });
  }
}

/** The department this very creation made already (same code, name and parent), if any. */
const isSameDepartment = (
  existing: { name: string; parentId: string | null },
  input: DepartmentCreateInput,
) => existing.name === input.name && existing.parentId === input.parentId;

async function sameDepartment(tx: DbTx, input: DepartmentCreateInput) {
  const existing = await tx.department.findUnique({ where: { code: input.code } });
  return existing && isSameDepartment(existing, input) ? existing : null;
}

/**
 * `actorId` null: the command-line bootstrap (create-admin). The same creation repeated (a
 * double click, 50 at once) gives the one department, found by its unique code; the code
 * taken by a different department is refused next to the field.
 */
export async function createDepartment(actorId: string | null, input: DepartmentCreateInput) {
  return createOnce(
    () => insertDepartment(actorId, input),
    async () => {
      const same = await sameDepartment(getDb(), input);
      if (!same) throw new ValidationError({ code: "org.department.codeTaken" });
      return same;
    },
  );
}

async function insertDepartment(actorId: string | null, input: DepartmentCreateInput) {
  return getDb().$transaction(async (tx) => {
    // One read of the code: the same department is the answer, another is refused. Two reads
    // would let a concurrent creation commit between them (PostgreSQL reads each statement
    // afresh) and refuse its own double click; a creation racing past this read meets the
    // unique index instead, and createOnce answers the row that won.
    const holder = await tx.department.findUnique({ where: { code: input.code } });
    if (holder) {
      if (isSameDepartment(holder, input)) return holder;
      throw new ValidationError({ code: "org.department.codeTaken" });
    }
    await assertParentExists(tx, input.parentId);
    const department = await tx.department.create({ data: input });
    await recordAudit(tx, {
      actorId,
      action: "department.create",
      subjectType: "Department",
      subjectId: department.id,
      after: input,
    });
    return department;
  });
}

async function findDepartment(tx: DbTx, id: string) {
  const department = await tx.department.findUnique({ where: { id } });
  if (!department) throw new NotFoundError();
  return department;
}

export async function renameDepartment(
  actorId: string,
  input: { id: string; name: string; code: string },
) {
  return getDb().$transaction(async (tx) => {
    const before = await findDepartment(tx, input.id);
    await assertCodeFree(tx, input.code, input.id);
    const department = await tx.department.update({
      where: { id: input.id },
      data: { name: input.name, code: input.code },
    });
    await recordAudit(tx, {
      actorId,
      action: "department.rename",
      subjectType: "Department",
      subjectId: input.id,
      before: { name: before.name, code: before.code },
      after: { name: department.name, code: department.code },
    });
    return department;
  });
}

/**
 * The people of a moved department and its sub-departments come under the rules of their
 * new parents ("with sub-departments"), in the move's transaction.
 */
async function enrolMovedSubtree(tx: DbTx, departmentId: string) {
  const all = await tx.department.findMany({ select: { id: true, parentId: true } });
  const people = await tx.user.findMany({
    where: { active: true, departmentId: { in: withDescendants(all, [departmentId]) } },
    select: { id: true },
  });
  await enrolCoveredIn(
    tx,
    people.map((person) => person.id),
  );
}

/** Moves a department under a new parent (or to the top); never into its own subtree. */
export async function moveDepartment(
  actorId: string,
  input: { id: string; parentId: string | null },
) {
  return getDb().$transaction(async (tx) => {
    const before = await findDepartment(tx, input.id);
    await assertParentExists(tx, input.parentId);
    if (input.parentId) {
      const all = await tx.department.findMany({ select: { id: true, parentId: true } });
      if (withDescendants(all, [input.id]).includes(input.parentId)) {
        throw new ValidationError({ parentId: "org.department.moveIntoOwnSubtree" });
      }
    }
    const department = await tx.department.update({
      where: { id: input.id },
      data: { parentId: input.parentId },
    });
    await enrolMovedSubtree(tx, input.id);
    await recordAudit(tx, {
      actorId,
      action: "department.move",
      subjectType: "Department",
      subjectId: input.id,
      before: { parentId: before.parentId },
      after: { parentId: input.parentId },
    });
    return department;
  });
}

/** Deletes a department that has no sub-departments and no people (active or not). */
export async function deleteDepartment(actorId: string, id: string) {
  return getDb().$transaction(async (tx) => {
    const department = await findDepartment(tx, id);
    const [children, users] = await Promise.all([
      tx.department.count({ where: { parentId: id } }),
      tx.user.count({ where: { departmentId: id } }),
    ]);
    if (children > 0 || users > 0) throw new ConflictError("org.department.notEmpty");
    await tx.departmentManager.deleteMany({ where: { departmentId: id } });
    await tx.department.delete({ where: { id } });
    await recordAudit(tx, {
      actorId,
      action: "department.delete",
      subjectType: "Department",
      subjectId: id,
      before: { name: department.name, code: department.code, parentId: department.parentId },
    });
  });
}

/** Departments in tree order, labelled with their depth, for select inputs. */
export async function departmentOptions() {
  return flattenTree(await getDepartmentTree()).map((node) => ({
    id: node.id,
    label: `${"\u2003".repeat(node.depth)}${node.name}`,
  }));
}
