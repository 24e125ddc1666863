import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import {
  createDepartment,
  deleteDepartment,
  getDepartmentTree,
  moveDepartment,
  renameDepartment,
} from "~/modules/org/index.server";
import { departmentCreateSchema } from "~/modules/org";
import { makeDepartment, makeUser } from "../support/factories";

async function auditCount(subjectId: string) {
  return getDb().auditEvent.count({ where: { subjectId } });
}

describe("departments", () => {
  it("creates a department under a parent and audits it in the same transaction", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const parent = await makeDepartment({ name: "Customer Service", code: "CS1" });
    const created = await createDepartment(
      admin.id,
      departmentCreateSchema.parse({ name: " Call Centre ", code: "cc1", parentId: parent.id }),
    );
    expect(created).toMatchObject({ name: "Call Centre", code: "CC1", parentId: parent.id });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { subjectId: created.id } });
    expect(event).toMatchObject({
      actorId: admin.id,
      action: "department.create",
      subjectType: "Department",
    });
    const tree = await getDepartmentTree();
    expect(tree.find((node) => node.id === parent.id)?.children.map((c) => c.name)).toEqual([
      "Call Centre",
    ]);
  });

  it("refuses a duplicate code with a field message and writes nothing", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await makeDepartment({ code: "DUP" });
    const before = await getDb().department.count();
    await expect(
      createDepartment(admin.id, { name: "Other", code: "DUP", parentId: null }),
    ).rejects.toMatchObject({
      fieldErrors: { code: "org.department.codeTaken" },
    });
    expect(await getDb().department.count()).toBe(before);
  });

  it("never moves a department into itself or its own subtree", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const top = await makeDepartment();
    const child = await makeDepartment({ parentId: top.id });
    const grandchild = await makeDepartment({ parentId: child.id });
    for (const parentId of [top.id, child.id, grandchild.id]) {
      const attempt = moveDepartment(admin.id, { id: top.id, parentId });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(moveDepartment(admin.id, { id: top.id, parentId })).rejects.toMatchObject({
        fieldErrors: { parentId: "org.department.moveIntoOwnSubtree" },
      });
    }
    expect(
      (await getDb().department.findUniqueOrThrow({ where: { id: top.id } })).parentId,
    ).toBeNull();
    expect(await auditCount(top.id)).toBe(0);
  });

  it("moves a department elsewhere and to the top level, auditing before and after", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const a = await makeDepartment();
    const b = await makeDepartment();
    const child = await makeDepartment({ parentId: a.id });
    await moveDepartment(admin.id, { id: child.id, parentId: b.id });
    expect((await getDb().department.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBe(
      b.id,
    );
    await moveDepartment(admin.id, { id: child.id, parentId: null });
    expect(
      (await getDb().department.findUniqueOrThrow({ where: { id: child.id } })).parentId,
    ).toBeNull();
    const events = await getDb().auditEvent.findMany({
      where: { subjectId: child.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["department.move", { parentId: a.id }, { parentId: b.id }],
      ["department.move", { parentId: b.id }, { parentId: null }],
    ]);
  });

  it("renames, keeping codes unique", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const dept = await makeDepartment({ name: "Old", code: "OLDNAME" });
    await makeDepartment({ code: "TAKEN" });
    await renameDepartment(admin.id, { id: dept.id, name: "New", code: "NEWNAME" });
    expect(await getDb().department.findUniqueOrThrow({ where: { id: dept.id } })).toMatchObject({
      name: "New",
      code: "NEWNAME",
    });
    await expect(
      renameDepartment(admin.id, { id: dept.id, name: "New", code: "TAKEN" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("deletes only an empty department", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const withChild = await makeDepartment();
    await makeDepartment({ parentId: withChild.id });
    const withPerson = await makeDepartment();
    await makeUser({ departmentId: withPerson.id, active: false });
    const empty = await makeDepartment();
    await expect(deleteDepartment(admin.id, withChild.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteDepartment(admin.id, withPerson.id)).rejects.toMatchObject({
      messageKey: "org.department.notEmpty",
    });
    await deleteDepartment(admin.id, empty.id);
    expect(await getDb().department.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(
      await getDb().department.count({ where: { id: { in: [withChild.id, withPerson.id] } } }),
    ).toBe(2);
    expect(
      await getDb().auditEvent.findFirst({
        where: { subjectId: empty.id, action: "department.delete" },
      }),
    ).not.toBeNull();
  });
});
