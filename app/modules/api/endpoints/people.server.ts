// People and departments (scope people). Writes go through the org module's own functions,
// with the same rules, transactions and audit as the admin pages; administrator accounts are
// managed in the app only (they want a fresh password check a token cannot give).
import { z } from "zod";
import { boundedText, dateOrEmpty } from "~/lib/fields";
import { ROLES, type Role } from "~/lib/permissions";
import {
  createUser,
  departmentsPage,
  getUserForEdit,
  peoplePage,
  personById,
  setUserActive,
  updateUser,
} from "~/modules/org/index.server";
import { userCreateSchema } from "~/modules/org";
import { listPage } from "../cursor.server";
import {
  endpoint,
  idParam,
  iso,
  isoOrNull,
  isoTime,
  listQuery,
  pageOf,
  timestampQuery,
} from "../endpoint.server";
import { ApiProblem } from "../problem.server";

export const personSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  department_id: z.string().nullable(),
  managed_department_ids: z.array(z.string()),
  job_title: z.string(),
  hire_date: z.string().nullable().describe("YYYY-MM-DD"),
  active: z.boolean(),
  preferred_language: z.enum(["en", "zh"]).nullable(),
  created_at: isoTime,
  updated_at: isoTime,
});

type PersonRow = NonNullable<Awaited<ReturnType<typeof personById>>>;

const personView = (row: PersonRow): z.output<typeof personSchema> => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  department_id: row.departmentId,
  managed_department_ids: row.managedDepartments.map((m) => m.departmentId),
  job_title: row.jobTitle,
  hire_date: row.hireDate ? row.hireDate.toISOString().slice(0, 10) : null,
  active: row.active,
  preferred_language: (row.preferredLanguage as "en" | "zh" | null) ?? null,
  created_at: iso(row.createdAt),
  updated_at: iso(row.updatedAt),
});

const form = userCreateSchema.shape;
const managedIds = z.array(z.string().min(1).max(64)).max(500);

/** The admin form's fields, as JSON: the same field schemas, managed departments a list. */
export const personCreateSchema = z.object({
  name: form.name,
  email: form.email,
  role: form.role,
  department_id: form.departmentId,
  job_title: form.jobTitle,
  hire_date: form.hireDate,
  preferred_language: form.preferredLanguage,
  managed_department_ids: managedIds.default([]),
});

/** Only the fields sent change: the same field schemas, without the form's defaults. */
export const personUpdateSchema = z
  .object({
    name: form.name,
    email: form.email,
    role: form.role,
    department_id: form.departmentId,
    job_title: boundedText(120),
    hire_date: dateOrEmpty,
    preferred_language: z.enum(["", "en", "zh"]),
    managed_department_ids: managedIds,
  })
  .partial()
  .strict();

const noAdministrators = (role: Role) => {
  if (role === "ADMIN") {
    throw new ApiProblem(
      "forbidden",
      "Administrator accounts are managed in the app, not through the API.",
    );
  }
};

const peopleQuery = listQuery.extend({
  department_id: z.string().max(64).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(["true", "false"]).optional(),
  email: z.string().max(254).optional(),
  updated_since: timestampQuery.optional(),
});

async function requirePerson(id: string) {
  const person = await personById(id);
  if (!person) throw new ApiProblem("not-found", "No person with this id.");
  return person;
}

export const peopleEndpoints = [
  endpoint({
    method: "GET",
    path: "/people",
    scope: "people:read",
    tag: "People",
    summary: "List people",
    description:
      "In id order; filter by department, role, active, e-mail or updated_since (incremental sync).",
    query: peopleQuery,
    response: pageOf(personSchema),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          peoplePage({
            ...page,
            departmentId: query.department_id,
            role: query.role,
            active: query.active === undefined ? undefined : query.active === "true",
            email: query.email,
            updatedSince: query.updated_since,
          }),
        personView,
      ),
  }),
  endpoint({
    method: "GET",
    path: "/people/{id}",
    scope: "people:read",
    tag: "People",
    summary: "Get a person",
    response: personSchema,
    problems: [404],
    handle: async ({ params }) => personView(await requirePerson(idParam.parse(params.id))),
  }),
  endpoint({
    method: "POST",
    path: "/people",
    scope: "people:write",
    tag: "People",
    summary: "Create a person",
    description:
      "The person is e-mailed an invitation to set their password; training rules assign their courses at once.",
    body: personCreateSchema,
    response: personSchema,
    status: 201,
    handle: async ({ caller, body }) => {
      noAdministrators(body.role);
      const user = await createUser(caller.principal, {
        name: body.name,
        email: body.email,
        role: body.role,
        departmentId: body.department_id,
        jobTitle: body.job_title,
        hireDate: body.hire_date,
        preferredLanguage: body.preferred_language,
        managedDepartmentIds: body.managed_department_ids,
      });
      return personView(await requirePerson(user.id));
    },
  }),
  endpoint({
    method: "PATCH",
    path: "/people/{id}",
    scope: "people:write",
    tag: "People",
    summary: "Update a person",
    description: "Only the fields sent change. A move or a new role applies the training rules.",
    body: personUpdateSchema,
    response: personSchema,
    problems: [404],
    handle: async ({ caller, params, body }) => {
      const id = idParam.parse(params.id);
      const current = await getUserForEdit(id).catch(() => null);
      if (!current) throw new ApiProblem("not-found", "No person with this id.");
      noAdministrators(current.role);
      if (body.role) noAdministrators(body.role);
      await updateUser(caller.principal, id, {
        name: body.name ?? current.name,
        email: body.email ?? current.email,
        role: body.role ?? current.role,
        departmentId: body.department_id ?? current.departmentId ?? "",
        jobTitle: body.job_title ?? current.jobTitle,
        hireDate: body.hire_date === undefined ? current.hireDate : body.hire_date,
        preferredLanguage:
          body.preferred_language ?? ((current.preferredLanguage ?? "") as "" | "en" | "zh"),
        managedDepartmentIds:
          body.managed_department_ids ?? current.managedDepartments.map((m) => m.departmentId),
        temporaryPassword: "",
      });
      return personView(await requirePerson(id));
    },
  }),
  ...(["deactivate", "reactivate"] as const).map((verb) =>
    endpoint({
      method: "POST",
      path: `/people/{id}/${verb}`,
      scope: "people:write",
      tag: "People",
      summary: verb === "deactivate" ? "Deactivate a person" : "Reactivate a person",
      description:
        verb === "deactivate"
          ? "Keeps their history and ends their sessions at once. Repeating it changes nothing."
          : "Repeating it changes nothing.",
      response: personSchema,
      problems: [404],
      handle: async ({ caller, params }) => {
        const person = await requirePerson(idParam.parse(params.id));
        noAdministrators(person.role);
        await setUserActive(caller.principal, person.id, verb === "reactivate");
        return personView(await requirePerson(person.id));
      },
    }),
  ),
  endpoint({
    method: "GET",
    path: "/departments",
    scope: "people:read",
    tag: "People",
    summary: "List departments",
    query: listQuery,
    response: pageOf(
      z.object({
        id: z.string(),
        name: z.string(),
        code: z.string(),
        parent_id: z.string().nullable(),
        created_at: isoTime,
        updated_at: isoTime,
      }),
    ),
    handle: async ({ query }) =>
      listPage(query, departmentsPage, (row) => ({
        id: row.id,
        name: row.name,
        code: row.code,
        parent_id: row.parentId,
        created_at: iso(row.createdAt),
        updated_at: isoOrNull(row.updatedAt) ?? iso(row.createdAt),
      })),
  }),
];
