import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { getDb } from "~/lib/db.server";
import { isCalendarDate, optionalDateField } from "~/lib/fields";
import { profileSchema } from "~/modules/account";
import { auditQuerySchema } from "~/modules/audit";
import { lessonSchema, quizSettingsSchema } from "~/modules/courses";
import { createIdea } from "~/modules/ideas/index.server";
import { commentSchema, ideaSchema, ownerSchema } from "~/modules/ideas";
import { createRule } from "~/modules/learning/index.server";
import { ruleSchema } from "~/modules/learning";
import {
  departmentCreateSchema,
  departmentMoveSchema,
  userCreateSchema,
  userUpdateSchema,
} from "~/modules/org";
import routeConfig from "~/routes";
import * as assignmentsRoute from "~/routes/assignments/index";
import * as auditRoute from "~/routes/admin/audit";
import * as userNewRoute from "~/routes/admin/user-new";
import { actionArgs, formPost, loaderArgs, outcomeStatus } from "../support/actions";
import { makeDepartment, makeUser, principalFor, sessionCookie } from "../support/factories";
import { makeCourse } from "../support/courses";
import { publishedCourse, ruleForm } from "../support/learning";

async function bodyOf(result: unknown) {
  return (result as { data: { fieldErrors: Record<string, string> } }).data;
}

const parses = (schema: z.ZodType, input: Record<string, string>) => {
  const result = schema.safeParse(input);
  return result.success ? "ok" : JSON.stringify(result.error.issues.map((i) => i.path));
};

describe("optional fields a form hides", () => {
  it("parses every form schema with the hidden and optional fields left out of the post", () => {
    // Each variant of the rule form posts only what it shows.
    expect(
      parses(ruleSchema, { courseId: "c", targetType: "ALL", dueMode: "DAYS", dueDays: "7" }),
    ).toBe("ok");
    expect(
      parses(ruleSchema, {
        courseId: "c",
        targetType: "DEPARTMENT",
        departmentId: "d",
        includeSubDepartments: "on",
        dueMode: "DATE",
        dueDate: "2027-03-01",
        recurrenceMonths: "",
      }),
    ).toBe("ok");
    expect(
      parses(ruleSchema, {
        courseId: "c",
        targetType: "ROLE",
        role: "EMPLOYEE",
        dueMode: "DATE",
        dueDays: "14",
        newHiresOnly: "on",
        hiredAfter: "2026-01-01",
      }),
    ).toBe("ok");
    expect(
      parses(ruleSchema, {
        courseId: "c",
        targetType: "PEOPLE",
        userIds: "u1",
        dueMode: "DAYS",
        dueDays: "30",
        recurrenceMonths: "12",
      }),
    ).toBe("ok");
    // What the field is for still holds: DAYS needs its days, DATE its date.
    expect(parses(ruleSchema, { courseId: "c", targetType: "ALL", dueMode: "DAYS" })).toBe(
      '[["dueDays"]]',
    );
    expect(parses(ruleSchema, { courseId: "c", targetType: "ALL", dueMode: "DATE" })).toBe(
      '[["dueDate"]]',
    );
    const user = { name: "A", email: "a@example.test", role: "EMPLOYEE", departmentId: "d" };
    expect(parses(userCreateSchema, { ...user, temporaryPassword: "Tr0ub4dor&3-long" })).toBe("ok");
    expect(parses(userUpdateSchema, user)).toBe("ok");
    expect(parses(departmentCreateSchema, { name: "Sales", code: "SALES" })).toBe("ok");
    expect(parses(departmentMoveSchema, { id: "d" })).toBe("ok");
    expect(parses(ideaSchema, { title: "T", problem: "P", proposal: "Q", category: "TOOL" })).toBe(
      "ok",
    );
    expect(parses(commentSchema, { intent: "comment", body: "hello" })).toBe("ok");
    expect(parses(ownerSchema, { intent: "owner" })).toBe("ok");
    expect(parses(quizSettingsSchema, { passMark: "80", drawCount: "0", revision: "1" })).toBe(
      "ok",
    );
    expect(parses(lessonSchema, { title: "L" })).toBe("ok");
    expect(parses(profileSchema, { name: "N" })).toBe("ok");
  });

  it("gives the absent optional values their empty meaning", () => {
    const rule = ruleSchema.parse({
      courseId: "c",
      targetType: "ALL",
      dueMode: "DAYS",
      dueDays: "7",
    });
    expect(rule).toMatchObject({
      dueDays: 7,
      dueDate: null,
      hiredAfter: null,
      recurrenceMonths: null,
      newHiresOnly: false,
      includeSubDepartments: false,
      userIds: [],
    });
    expect(departmentCreateSchema.parse({ name: "S", code: "S" }).parentId).toBeNull();
    expect(
      quizSettingsSchema.parse({ passMark: "80", drawCount: "0", revision: "1" }),
    ).toMatchObject({ attemptsAllowed: null, timeLimitMinutes: null });
  });

  it("creates a rule posted exactly as the form posts it (hidden fields absent)", async () => {
    const hr = await makeUser({ role: "HR" });
    const trainer = await principalFor("TRAINER");
    const course = await publishedCourse(trainer, 1, 0);
    const department = await makeDepartment();
    await makeUser({ departmentId: department.id });
    const { cookie } = await sessionCookie(hr.id);
    const result = await assignmentsRoute.action(
      actionArgs(
        formPost("/assignments", cookie, {
          intent: "create",
          courseId: course.id,
          targetType: "DEPARTMENT",
          departmentId: department.id,
          includeSubDepartments: "on",
          dueMode: "DAYS",
          dueDays: "7",
          recurrenceMonths: "",
        }),
      ),
    );
    expect(await outcomeStatus(async () => result)).toBe(200);
    expect(await getDb().assignmentRule.count({ where: { courseId: course.id } })).toBe(1);
    expect(await getDb().enrolment.count({ where: { courseId: course.id } })).toBe(1);
  });
});

describe("calendar dates", () => {
  it("accepts real days only, with no roll-over", () => {
    for (const bad of [
      "2024-13-01",
      "2024-02-31",
      "2023-02-29",
      "2024-00-10",
      "2024-04-31",
      "2024-1-01",
      "24-01-01",
    ]) {
      expect(isCalendarDate(bad), bad).toBe(false);
      const result = optionalDateField.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("validation.date");
    }
    for (const good of ["2024-02-29", "2024-12-31", "2027-01-01"]) {
      expect(isCalendarDate(good), good).toBe(true);
      expect(optionalDateField.parse(good)?.toISOString().slice(0, 10)).toBe(good);
    }
    expect(optionalDateField.parse("")).toBeNull();
    expect(optionalDateField.parse(undefined)).toBeNull();
  });

  it("refuses an impossible rule due date or hired-after date next to the field", async () => {
    const hr = await makeUser({ role: "HR" });
    const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
    const { cookie } = await sessionCookie(hr.id);
    for (const [field, extra] of [
      ["dueDate", { dueMode: "DATE", dueDate: "2024-02-31" }],
      ["dueDate", { dueMode: "DATE", dueDate: "2024-13-01" }],
      [
        "hiredAfter",
        { dueMode: "DAYS", dueDays: "5", newHiresOnly: "on", hiredAfter: "2024-13-01" },
      ],
    ] as const) {
      const result = await assignmentsRoute.action(
        actionArgs(
          formPost("/assignments", cookie, {
            intent: "create",
            courseId: course.id,
            targetType: "ALL",
            ...extra,
          }),
        ),
      );
      expect(await outcomeStatus(async () => result)).toBe(400);
      expect((await bodyOf(result)).fieldErrors[field]).toBe("validation.date");
    }
    expect(await getDb().assignmentRule.count({ where: { courseId: course.id } })).toBe(0);
  });

  it("refuses an impossible hire date next to the field", async () => {
    const hr = await makeUser({ role: "HR" });
    const department = await makeDepartment();
    const { cookie } = await sessionCookie(hr.id);
    for (const hireDate of ["2024-13-01", "2024-02-31"]) {
      const result = await userNewRoute
        .action(
          actionArgs(
            formPost("/admin/users/new", cookie, {
              name: "New Person",
              email: `new-${hireDate}@example.test`,
              role: "EMPLOYEE",
              departmentId: department.id,
              hireDate,
              temporaryPassword: "Tr0ub4dor&3-long-enough",
            }),
          ),
        )
        .catch((thrown: unknown) => thrown);
      expect(await outcomeStatus(async () => result)).toBe(400);
      expect((await bodyOf(result)).fieldErrors.hireDate).toBe("validation.date");
    }
    expect(await getDb().user.count({ where: { email: { startsWith: "new-2024" } } })).toBe(0);
  });

  it("drops an impossible audit filter date instead of failing or rolling it over", async () => {
    expect(auditQuerySchema.parse({ from: "2024-13-01", to: "2024-02-31" })).toMatchObject({
      from: null,
      to: null,
    });
    const admin = await makeUser({ role: "ADMIN" });
    const { cookie } = await sessionCookie(admin.id);
    for (const query of ["from=2024-13-01", "to=2024-02-31", "from=2024-02-30&to=2024-99-99"]) {
      const status = await outcomeStatus(() =>
        auditRoute.loader(
          loaderArgs(
            new Request(`http://localhost/admin/audit?${query}`, { headers: { Cookie: cookie } }),
          ),
        ),
      );
      expect(status, query).toBe(200);
    }
  });
});

type RouteEntry = { file: string; path?: string; children?: RouteEntry[] };
const flatten = (entries: RouteEntry[], prefix = ""): { file: string; path: string }[] =>
  entries.flatMap((entry) => {
    const full = [prefix, entry.path ?? ""].filter(Boolean).join("/");
    return [{ file: entry.file, path: full }, ...flatten(entry.children ?? [], full)];
  });

describe("bodies that are not forms", () => {
  it("answers 415 or 400 on every action, never 500", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const adminPrincipal = { id: admin.id, role: "ADMIN" as const, scopeDepartmentIds: [] };
    // Real records, so each action gets past its lookups to reading the body.
    const course = await makeCourse(adminPrincipal, 1, 1);
    const lesson = await getDb().lesson.findFirstOrThrow({ where: { courseId: course.id } });
    const question = await getDb().question.findFirstOrThrow({ where: { courseId: course.id } });
    const published = await publishedCourse(adminPrincipal, 1, 0);
    const ideaId = await createIdea(
      adminPrincipal,
      ideaSchema.parse({
        title: "Idea",
        problem: "P",
        proposal: "Q",
        category: "TOOL",
      }),
    );
    const { rule } = await createRule(adminPrincipal, ruleForm(published.id));
    const other = await makeUser();
    const params: Record<string, string> = {
      courseId: course.id,
      lessonId: lesson.id,
      questionId: question.id,
      ideaId,
      ruleId: rule.id,
      userId: other.id,
      departmentId: other.departmentId!,
      attemptId: "none",
      certificateId: "none",
      code: "NONE",
      table: "departments",
    };
    const appDir = path.resolve(__dirname, "../../app");
    const routes = flatten(routeConfig as RouteEntry[]);
    const bodies: Record<string, () => RequestInit> = {
      "text/plain": () => ({ headers: { "Content-Type": "text/plain" }, body: "intent=create" }),
      json: () => ({
        headers: { "Content-Type": "application/json" },
        body: '{"intent":"create"}',
      }),
      none: () => ({ body: new Uint8Array([1, 2, 3]) }),
      "broken multipart": () => ({
        headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncreate',
      }),
    };
    const seen: string[] = [];
    let actions = 0;
    for (const route of routes) {
      const module = (await import(path.join(appDir, route.file))) as {
        action?: (args: ActionFunctionArgs) => Promise<unknown>;
      };
      if (!module.action) continue;
      actions++;
      const url = `/${route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x")}`;
      for (const [kind, init] of Object.entries(bodies)) {
        // A session per request: signing out (or in) ends the one it came with.
        const { cookie } = await sessionCookie(admin.id);
        const { headers, body } = init();
        const request = new Request(new URL(url, "http://localhost"), {
          method: "POST",
          headers: { Cookie: cookie, Origin: "http://localhost", ...(headers as object) },
          body,
        });
        const status = await outcomeStatus(() =>
          module.action!(
            actionArgs(
              request,
              Object.fromEntries(
                [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => [
                  name!,
                  params[name!] ?? "x",
                ]),
              ),
            ),
          ),
        );
        seen.push(`${route.file} ${kind} ${status}`);
      }
    }
    expect(actions).toBeGreaterThan(10);
    expect(seen.filter((line) => line.endsWith(" 500"))).toEqual([]);
    // A form action that reads the body says why it refused it.
    const statusFor = (file: string, kind: string) =>
      seen
        .find((line) => line.startsWith(`${file} ${kind} `))
        ?.split(" ")
        .pop();
    for (const file of [
      "routes/assignments/index.tsx",
      "routes/ideas/new.tsx",
      "routes/admin/departments.tsx",
      "routes/ideas/detail.tsx",
      "routes/courses/edit.tsx",
      "routes/settings/security.tsx",
    ]) {
      expect(statusFor(file, "text/plain"), file).toBe("415");
      expect(statusFor(file, "json"), file).toBe("415");
      expect(statusFor(file, "none"), file).toBe("415");
      expect(statusFor(file, "broken multipart"), file).toBe("400");
    }
    // Settings also takes JSON (the e-mail preferences): a JSON body that is not those is 400.
    const settings = "routes/settings/index.tsx";
    expect(statusFor(settings, "text/plain")).toBe("415");
    expect(statusFor(settings, "json")).toBe("400");
    expect(statusFor(settings, "none")).toBe("415");
    expect(statusFor(settings, "broken multipart")).toBe("400");
    expect(await getDb().assignmentRule.count({ where: { createdById: admin.id } })).toBe(1);
  });
});
