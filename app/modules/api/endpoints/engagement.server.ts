// Ideas (scope ideas), points and kudos (scope rewards), initiatives and KPI actuals (scope
// initiatives). Writes go through the owning modules' functions, with their rules and audit.
import { z } from "zod";
import { changeStatus, ideaById, ideasPage } from "~/modules/ideas/index.server";
import { IDEA_CATEGORIES, IDEA_STATUSES, statusSchema } from "~/modules/ideas";
import { kudosPage, pointsPage } from "~/modules/incentives/index.server";
import { initiativesPage } from "~/modules/initiatives/index.server";
import { actualSchema } from "~/modules/kpis";
import { requireKpi, setActual } from "~/modules/kpis/index.server";
import { listPage } from "../cursor.server";
import {
  endpoint,
  idParam,
  iso,
  isoTime,
  listQuery,
  pageOf,
  timestampQuery,
} from "../endpoint.server";
import { ApiProblem, invalidInput } from "../problem.server";

export const ideaSchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string().describe("Markdown"),
  proposal: z.string().describe("Markdown"),
  category: z.enum(IDEA_CATEGORIES),
  department_id: z.string().nullable(),
  status: z.enum(IDEA_STATUSES),
  author_id: z.string().nullable().describe("null for anonymous ideas"),
  owner_id: z.string().nullable(),
  merged_into_id: z.string().nullable(),
  votes: z.number().int(),
  comments: z.number().int(),
  created_at: isoTime,
  updated_at: isoTime,
});

type IdeaRow = NonNullable<Awaited<ReturnType<typeof ideaById>>>;
const ideaView = (row: IdeaRow): z.output<typeof ideaSchema> => ({
  id: row.id,
  title: row.title,
  problem: row.problem,
  proposal: row.proposal,
  category: row.category,
  department_id: row.departmentId,
  status: row.status,
  author_id: row.authorId,
  owner_id: row.ownerId,
  merged_into_id: row.mergedIntoId,
  votes: row.voteCount,
  comments: row.commentCount,
  created_at: iso(row.createdAt),
  updated_at: iso(row.updatedAt),
});

async function requireIdea(id: string) {
  const idea = await ideaById(id);
  if (!idea) throw new ApiProblem("not-found", "No idea with this id.");
  return idea;
}

const sinceQuery = listQuery.extend({
  person_id: z.string().max(64).optional(),
  since: timestampQuery.optional(),
});

/** A KPI actual as the CRM or survey tool pushes it. */
const actualPush = z.object({
  kpi_id: z.string().min(1).max(64),
  department_id: z.string().min(1).max(64),
  period: z.string().describe('As on the KPI page: "2026-11" (monthly) or "2026-W47" (weekly)'),
  value: z.union([z.number(), z.string()]),
});

export const engagementEndpoints = [
  endpoint({
    method: "GET",
    path: "/ideas",
    scope: "ideas:read",
    tag: "Ideas",
    summary: "List ideas",
    description: "Hidden ideas are left out; anonymous ideas have no author.",
    query: listQuery.extend({
      status: z.enum(IDEA_STATUSES).optional(),
      department_id: z.string().max(64).optional(),
      updated_since: timestampQuery.optional(),
    }),
    response: pageOf(ideaSchema),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          ideasPage({
            ...page,
            status: query.status,
            departmentId: query.department_id,
            updatedSince: query.updated_since,
          }),
        ideaView,
      ),
  }),
  endpoint({
    method: "GET",
    path: "/ideas/{id}",
    scope: "ideas:read",
    tag: "Ideas",
    summary: "Get an idea",
    response: ideaSchema,
    problems: [404],
    handle: async ({ params }) => ideaView(await requireIdea(idParam.parse(params.id))),
  }),
  endpoint({
    method: "POST",
    path: "/ideas/{id}/status",
    scope: "ideas:write",
    tag: "Ideas",
    summary: "Move an idea along the workflow",
    description:
      "The reviewers' workflow: the same steps are allowed; DECLINED needs a reason. The author and followers are notified.",
    body: statusSchema,
    response: ideaSchema,
    problems: [404],
    handle: async ({ caller, params, body }) => {
      const idea = await requireIdea(idParam.parse(params.id));
      await changeStatus(caller.principal, idea.id, body.status, body.reason);
      return ideaView(await requireIdea(idea.id));
    },
  }),
  endpoint({
    method: "GET",
    path: "/points",
    scope: "rewards:read",
    tag: "Rewards",
    summary: "List points ledger entries",
    query: sinceQuery,
    response: pageOf(
      z.object({
        id: z.string(),
        person_id: z.string(),
        department_id: z.string().nullable(),
        points: z.number().int(),
        kind: z.enum(["EARNED", "SPENT", "HELD", "RELEASED", "ADJUSTMENT"]),
        source_type: z.string(),
        source_id: z.string(),
        reason: z.string(),
        initiative_id: z.string().nullable(),
        created_at: isoTime,
      }),
    ),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          pointsPage({
            ...page,
            userId: query.person_id,
            since: query.since,
          }),
        (row) => ({
          id: row.id,
          person_id: row.userId,
          department_id: row.departmentId,
          points: row.points,
          kind: row.kind,
          source_type: row.sourceType,
          source_id: row.sourceId,
          reason: row.reason,
          initiative_id: row.initiativeId,
          created_at: iso(row.createdAt),
        }),
      ),
  }),
  endpoint({
    method: "GET",
    path: "/kudos",
    scope: "rewards:read",
    tag: "Rewards",
    summary: "List kudos",
    description: "person_id: kudos the person sent or received.",
    query: sinceQuery,
    response: pageOf(
      z.object({
        id: z.string(),
        from_id: z.string(),
        to_id: z.string(),
        from_department_id: z.string().nullable(),
        to_department_id: z.string().nullable(),
        message: z.string(),
        value: z.string().nullable(),
        points: z.number().int(),
        created_at: isoTime,
      }),
    ),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          kudosPage({
            ...page,
            userId: query.person_id,
            since: query.since,
          }),
        (row) => ({
          id: row.id,
          from_id: row.fromId,
          to_id: row.toId,
          from_department_id: row.fromDepartmentId,
          to_department_id: row.toDepartmentId,
          message: row.message,
          value: row.value?.name ?? null,
          points: row.points,
          created_at: iso(row.createdAt),
        }),
      ),
  }),
  endpoint({
    method: "GET",
    path: "/initiatives",
    scope: "initiatives:read",
    tag: "Initiatives and KPIs",
    summary: "List initiatives",
    query: listQuery,
    response: pageOf(
      z.object({
        id: z.string(),
        name: z.string(),
        goal: z.string(),
        status: z.enum(["PLANNED", "ACTIVE", "CLOSED"]),
        start_date: isoTime,
        owner_id: z.string().nullable(),
        phases: z.array(
          z.object({ id: z.string(), name: z.string(), starts_on: isoTime, ends_on: isoTime }),
        ),
        department_ids: z.array(z.string()),
        required_course_ids: z.array(z.string()),
        created_at: isoTime,
        updated_at: isoTime,
      }),
    ),
    handle: async ({ query }) =>
      listPage(query, initiativesPage, (row) => ({
        id: row.id,
        name: row.name,
        goal: row.goal,
        status: row.status,
        start_date: iso(row.startDate),
        owner_id: row.ownerId,
        phases: row.phases.map((phase) => ({
          id: phase.id,
          name: phase.name,
          starts_on: iso(phase.startsOn),
          ends_on: iso(phase.endsOn),
        })),
        department_ids: row.departments.map((d) => d.departmentId),
        required_course_ids: row.courses.map((c) => c.courseId),
        created_at: iso(row.createdAt),
        updated_at: iso(row.updatedAt),
      })),
  }),
  endpoint({
    method: "PUT",
    path: "/kpi-actuals",
    scope: "initiatives:write",
    tag: "Initiatives and KPIs",
    summary: "Push a KPI actual",
    description:
      "Creates or updates one department's value for one period; idempotent by KPI + department + period. " +
      "The value is checked against the KPI's unit and range like an entry on the KPI page.",
    body: actualPush,
    response: z.object({
      kpi_id: z.string(),
      department_id: z.string(),
      period_start: isoTime,
      value: z.number(),
      result: z.enum(["created", "updated", "unchanged"]),
    }),
    problems: [404],
    handle: async ({ caller, body }) => {
      const kpi = await requireKpi(caller.principal, body.kpi_id, "read");
      // The KPI page's own schema for this KPI (its period, unit and range).
      const parsed = actualSchema(kpi).safeParse({
        period: body.period,
        value: String(body.value),
      });
      if (!parsed.success) throw await invalidInput(parsed.error, "");
      const result = await setActual(caller.principal, kpi.id, body.department_id, parsed.data);
      return {
        kpi_id: kpi.id,
        department_id: body.department_id,
        period_start: iso(parsed.data.period),
        value: parsed.data.value,
        result,
      };
    },
  }),
];
