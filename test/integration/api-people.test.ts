import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { callApi, makeApiToken } from "../support/api";
import { makeDepartment, makeUser } from "../support/factories";

// Issue 18 item 2, people: the same module functions and rules as the admin pages, audited
// as the token; invalid input is a 422 problem with a pointer per field and writes nothing.

describe("API: people", () => {
  it("creates, reads, updates, deactivates and reactivates a person, audited through the token", async () => {
    const token = await makeApiToken(["people:write"]);
    const service = await makeDepartment({ name: "Service" });
    const sales = await makeDepartment({ name: "Sales" });
    const created = await callApi("POST", "/people", {
      secret: token.secret,
      body: {
        name: "Ada Lovelace",
        email: "ADA@Example.test",
        role: "MANAGER",
        department_id: service.id,
        job_title: "Team lead",
        hire_date: "2026-01-05",
        managed_department_ids: [service.id],
      },
    });
    expect(created.status).toBe(201);
    const person = created.json as Record<string, unknown>;
    expect(person).toMatchObject({
      email: "ada@example.test",
      role: "MANAGER",
      department_id: service.id,
      managed_department_ids: [service.id],
      hire_date: "2026-01-05",
      active: true,
    });
    const id = String(person.id);
    // No password: an invitation goes out, in the same transaction.
    expect(await getDb().invitation.count({ where: { userId: id } })).toBe(1);
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "user.create", subjectId: id },
    });
    expect(audit).toMatchObject({ actorId: token.admin.id, apiTokenId: token.id });

    // PATCH changes only what is sent.
    const moved = await callApi("PATCH", `/people/${id}`, {
      secret: token.secret,
      body: { department_id: sales.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({
      department_id: sales.id,
      job_title: "Team lead",
      hire_date: "2026-01-05",
      role: "MANAGER",
      managed_department_ids: [service.id],
    });
    const read = await callApi("GET", `/people/${id}`, { secret: token.secret });
    expect(read.json).toEqual(moved.json);

    const off = await callApi("POST", `/people/${id}/deactivate`, { secret: token.secret });
    expect(off.json).toMatchObject({ active: false });
    // Repeating it changes nothing and writes no second audit row.
    await callApi("POST", `/people/${id}/deactivate`, { secret: token.secret });
    expect(
      await getDb().auditEvent.count({ where: { action: "user.deactivate", subjectId: id } }),
    ).toBe(1);
    const on = await callApi("POST", `/people/${id}/reactivate`, { secret: token.secret });
    expect(on.json).toMatchObject({ active: true });
  });

  it("answers invalid input with a 422 problem per field, a taken e-mail likewise, and writes nothing", async () => {
    const token = await makeApiToken(["people:write"]);
    const department = await makeDepartment();
    const before = await getDb().user.count();
    const bad = await callApi("POST", "/people", {
      secret: token.secret,
      body: { name: "", email: "not-an-email", role: "CEO", department_id: department.id },
    });
    expect(bad.status).toBe(422);
    expect(bad.response.headers.get("Content-Type")).toBe("application/problem+json");
    const pointers = (bad.json?.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/email", "/name", "/role"]);

    const taken = await makeUser();
    const clash = await callApi("POST", "/people", {
      secret: token.secret,
      body: { name: "Twin", email: taken.email, role: "EMPLOYEE", department_id: department.id },
    });
    expect(clash.status).toBe(422);
    expect(clash.json?.errors).toEqual([
      expect.objectContaining({ pointer: "/email", code: "org.user.emailTaken" }),
    ]);
    const unknownField = await callApi("PATCH", `/people/${taken.id}`, {
      secret: token.secret,
      body: { password: "x" },
    });
    expect(unknownField.status).toBe(422);
    expect((await callApi("GET", "/people/nobody", { secret: token.secret })).status).toBe(404);
    const notJson = await callApi("POST", "/people", {
      secret: token.secret,
      headers: { "Content-Type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    expect(await getDb().user.count()).toBe(before + 1);
  });

  it("never creates, changes or deactivates an administrator", async () => {
    const token = await makeApiToken(["people:write"]);
    const department = await makeDepartment();
    const admin = await makeUser({ role: "ADMIN" });
    const employee = await makeUser();
    const promote = await callApi("PATCH", `/people/${employee.id}`, {
      secret: token.secret,
      body: { role: "ADMIN" },
    });
    expect(promote.status).toBe(403);
    const create = await callApi("POST", "/people", {
      secret: token.secret,
      body: {
        name: "Root",
        email: "root@example.test",
        role: "ADMIN",
        department_id: department.id,
      },
    });
    expect(create.status).toBe(403);
    expect(
      (await callApi("POST", `/people/${admin.id}/deactivate`, { secret: token.secret })).status,
    ).toBe(403);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: employee.id } })).role).toBe(
      "EMPLOYEE",
    );
    expect(await getDb().user.count({ where: { email: "root@example.test" } })).toBe(0);
  });

  it("walks people by cursor without repeats or gaps while people are added, and filters", async () => {
    const token = await makeApiToken(["people:read"]);
    const department = await makeDepartment();
    for (let i = 0; i < 7; i++) await makeUser({ departmentId: department.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/people?department_id=${department.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callApi("GET", query, { secret: token.secret });
      const body = page.json as { data: { id: string }[]; next_cursor: string | null };
      seen.push(...body.data.map((p) => p.id));
      cursor = body.next_cursor;
      // Someone joins mid-walk: no row already there is skipped or served twice.
      if (pages === 0) await makeUser({ departmentId: department.id });
      pages += 1;
    } while (cursor);
    const ids = (
      await getDb().user.findMany({ where: { departmentId: department.id }, select: { id: true } })
    ).map((u) => u.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(ids.filter((id) => !seen.includes(id)).length).toBeLessThanOrEqual(1);
    expect([...seen].sort()).toEqual(seen);

    const forged = await callApi("GET", "/people?cursor=garbage", { secret: token.secret });
    expect(forged.status).toBe(422);
    const tooMany = await callApi("GET", "/people?limit=5000", { secret: token.secret });
    expect((tooMany.json?.errors as { pointer: string }[])[0]!.pointer).toBe("/query/limit");
  });
});
