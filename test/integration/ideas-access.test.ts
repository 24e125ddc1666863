import { describe, expect, it } from "vitest";
import { ROLES, type Principal, type Role } from "~/lib/permissions";
import { IDEA_OWNER_ROLES, ideaSchema, boardQuerySchema, showsNameOf } from "~/modules/ideas";
import { boardExportBatches, createIdea, reviewerOptions } from "~/modules/ideas/index.server";
import { makeDepartment, makeUser } from "../support/factories";

const principal = (role: Role, id = `viewer-${role}`, scope: string[] = []): Principal => ({
  id,
  role,
  scopeDepartmentIds: scope,
});

describe("the anonymity rule", () => {
  const anonymous = { anonymous: true, authorId: "author" };
  const named = { anonymous: false, authorId: "author" };
  // Administrators only (the permission map's IdeaAuthor grant).
  const seesAnonymousAuthors: Record<Role, boolean> = {
    EMPLOYEE: false,
    TRAINER: false,
    MANAGER: false,
    HR: false,
    ADMIN: true,
  };

  it("names an anonymous idea's author to administrators only, the author included", () => {
    for (const role of ROLES) {
      const expected = seesAnonymousAuthors[role];
      expect(showsNameOf(principal(role), anonymous, "author"), role).toBe(expected);
      expect(showsNameOf(principal(role, "author"), anonymous, "author"), role).toBe(expected);
    }
  });

  it("names everyone else, and the author of an idea that is not anonymous, to every role", () => {
    for (const role of ROLES) {
      expect(showsNameOf(principal(role), anonymous, "someone else"), role).toBe(true);
      expect(showsNameOf(principal(role), anonymous, null), role).toBe(true);
      expect(showsNameOf(principal(role), named, "author"), role).toBe(true);
    }
  });
});

const input = (title: string, departmentId: string) =>
  ideaSchema.parse({
    title,
    problem: "A problem.",
    proposal: "A proposal.",
    category: "TOOL",
    departmentId,
  });

async function exportedTitles(viewer: Principal, q: string) {
  const titles: string[] = [];
  for await (const batch of boardExportBatches(viewer, boardQuerySchema.parse({ q }))) {
    titles.push(...batch.map((idea) => idea.title));
  }
  return titles.sort();
}

describe("reviewer scope", () => {
  it("offers every role but EMPLOYEE as an idea's owner, from the permission map", async () => {
    expect([...IDEA_OWNER_ROLES].sort()).toEqual(["ADMIN", "HR", "MANAGER", "TRAINER"]);
    const department = await makeDepartment();
    const people = await Promise.all(
      ROLES.map((role) => makeUser({ role, departmentId: department.id })),
    );
    const inactive = await makeUser({ role: "HR", active: false });
    const hr = people.find((p) => p.role === "HR")!;
    const idea = await createIdea(principal("EMPLOYEE", people[0]!.id), input("Owned", ""));
    const { owners } = await reviewerOptions(principal("HR", hr.id), idea);
    const offered = new Set(owners.map((o) => o.id));
    for (const person of people) {
      expect(offered.has(person.id), person.role).toBe(person.role !== "EMPLOYEE");
    }
    expect(offered.has(inactive.id)).toBe(false);
  });

  it("limits a manager's merge targets and export to their tree; HR and admins get all", async () => {
    const inside = await makeDepartment();
    const outside = await makeDepartment();
    const author = principal("EMPLOYEE", (await makeUser({ departmentId: inside.id })).id);
    const tag = `Scope${Date.now()}`;
    const source = await createIdea(author, input(`${tag} source`, inside.id));
    await createIdea(author, input(`${tag} inside`, inside.id));
    await createIdea(author, input(`${tag} outside`, outside.id));
    await createIdea(author, input(`${tag} no department`, ""));
    const manager = principal("MANAGER", (await makeUser({ role: "MANAGER" })).id, [inside.id]);
    const everywhere = [`${tag} inside`, `${tag} no department`, `${tag} outside`];

    const targetsOf = async (viewer: Principal) =>
      (await reviewerOptions(viewer, source)).targets
        .map((t) => t.title)
        .filter((title) => title.startsWith(tag))
        .sort();
    expect(await targetsOf(manager)).toEqual([`${tag} inside`]);
    expect(await exportedTitles(manager, tag)).toEqual([`${tag} inside`, `${tag} source`]);
    for (const role of ["HR", "ADMIN"] as const) {
      const reviewer = principal(role, (await makeUser({ role })).id);
      expect(await targetsOf(reviewer), role).toEqual(everywhere);
      expect(await exportedTitles(reviewer, tag), role).toEqual(
        [...everywhere, `${tag} source`].sort(),
      );
    }
  });

  it("refuses the export to roles that review no ideas", async () => {
    for (const role of ["EMPLOYEE", "TRAINER"] as const) {
      await expect(exportedTitles(principal(role), "x"), role).rejects.toMatchObject({
        status: 403,
      });
    }
  });
});
