// Readiness per department and pulse (scope initiatives) and the BI feeds (scope reports):
// whole tables streamed as CSV, or a JSON array with ?format=json, for Power BI or Tableau to
// refresh from with a token.
import { z } from "zod";
import { ideasPage } from "~/modules/ideas/index.server";
import { IDEA_STATUSES } from "~/modules/ideas";
import { ADKAR_ELEMENTS, type ReadinessCells } from "~/modules/initiatives";
import { initiativesPage, readinessReport } from "~/modules/initiatives/index.server";
import { kpiActualFeedBatches } from "~/modules/kpis/index.server";
import { completionFeedBatches } from "~/modules/reports/index.server";
import { endpoint, idParam, iso, isoTime } from "../endpoint.server";
import type { Feed, FeedRow } from "../feed.server";

const elementScores = z.object(
  Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, z.number()])) as Record<
    (typeof ADKAR_ELEMENTS)[number],
    z.ZodNumber
  >,
);

const cellsSchema = z
  .object({
    respondents: z.number().int(),
    response_rate: z.number().nullable(),
    readiness: z.number(),
    barrier: z.enum(ADKAR_ELEMENTS).nullable(),
    scores: elementScores,
  })
  .nullable()
  .describe("null when the group is under the confidentiality floor");

const cellsView = (cells: ReadinessCells | null): z.output<typeof cellsSchema> =>
  cells && {
    respondents: cells.respondents,
    response_rate: cells.responseRate,
    readiness: cells.readiness,
    barrier: cells.barrier,
    scores: cells.scores,
  };

const readinessQuery = z.object({ pulse_id: z.string().max(64).optional() });

/** A feed read page by page from an id-ordered page function. */
async function* pagesOf<T extends { id: string }>(
  page: (afterId: string | undefined) => Promise<T[]>,
  view: (row: T) => FeedRow,
  size = 500,
) {
  let afterId: string | undefined;
  for (;;) {
    const rows = await page(afterId);
    const batch = rows.slice(0, size);
    if (batch.length > 0) yield batch.map(view);
    if (rows.length <= size) return;
    afterId = batch.at(-1)!.id;
  }
}

const completionRow = z.object({
  department_id: z.string().nullable(),
  department_code: z.string().nullable(),
  department: z.string().nullable(),
  course_id: z.string(),
  course: z.string(),
  assigned: z.number().int(),
  not_started: z.number().int(),
  in_progress: z.number().int(),
  completed: z.number().int(),
  completed_on_time: z.number().int(),
  overdue: z.number().int(),
  completion_pct: z.number().nullable(),
  average_score: z.number().nullable(),
});

const readinessRow = z.object({
  initiative_id: z.string(),
  initiative: z.string(),
  pulse_id: z.string(),
  department_id: z.string(),
  department: z.string(),
  shown: z.boolean(),
  respondents: z.number().int().nullable(),
  readiness: z.number().nullable(),
  barrier: z.enum(ADKAR_ELEMENTS).nullable(),
  ...Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, z.number().nullable()])),
});

const kpiActualRow = z.object({
  kpi_id: z.string(),
  kpi: z.string(),
  unit: z.string(),
  direction: z.string(),
  department_id: z.string(),
  department_code: z.string(),
  department: z.string(),
  period: z.string(),
  period_start: isoTime,
  value: z.number(),
  source: z.string(),
  updated_at: isoTime,
});

const ideaRow = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  status: z.enum(IDEA_STATUSES),
  department_id: z.string().nullable(),
  votes: z.number().int(),
  comments: z.number().int(),
  created_at: isoTime,
  updated_at: isoTime,
});

export const reportEndpoints = [
  endpoint({
    method: "GET",
    path: "/initiatives/{id}/readiness",
    scope: "initiatives:read",
    tag: "Initiatives and KPIs",
    summary: "Readiness per department and pulse",
    description:
      "The heat map of one pulse (default: the latest with answers), with the same confidentiality floor as the app.",
    query: readinessQuery,
    response: z.object({
      initiative_id: z.string(),
      pulse_id: z.string().nullable(),
      floor: z.number().int(),
      pulses: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          status: z.enum(["DRAFT", "OPEN", "CLOSED"]),
          opens_on: isoTime,
          closes_on: isoTime,
        }),
      ),
      company: cellsSchema,
      departments: z.array(
        z.object({
          department_id: z.string(),
          name: z.string(),
          depth: z.number().int(),
          readiness: cellsSchema,
        }),
      ),
    }),
    problems: [404],
    handle: async ({ caller, params, query }) => {
      const report = await readinessReport(caller.principal, idParam.parse(params.id), {
        pulseId: query.pulse_id,
      });
      return {
        initiative_id: report.initiative.id,
        pulse_id: report.pulseId,
        floor: report.initiative.floor,
        pulses: report.pulses.map((pulse) => ({
          id: pulse.id,
          title: pulse.title,
          status: pulse.status,
          opens_on: iso(pulse.opensOn),
          closes_on: iso(pulse.closesOn),
        })),
        company: cellsView(report.company?.cells ?? null),
        departments: report.rows.map((row) => ({
          department_id: row.departmentId,
          name: row.name,
          depth: row.depth,
          readiness: cellsView(row.cells),
        })),
      };
    },
  }),
  endpoint({
    method: "GET",
    path: "/feeds/completion",
    scope: "reports:read",
    tag: "BI feeds",
    summary: "Completion per department and course",
    description: "The reports dashboard's counters, one row per department and course.",
    response: completionRow,
    feed: true,
    handle: async (): Promise<Feed> => ({
      name: "completion",
      columns: Object.keys(completionRow.shape),
      batches: completionFeedBatches() as AsyncIterable<FeedRow[]>,
    }),
  }),
  endpoint({
    method: "GET",
    path: "/feeds/readiness",
    scope: "reports:read",
    tag: "BI feeds",
    summary: "Readiness heat map",
    description:
      "For every initiative, its latest answered pulse: one row per department; groups under the floor have shown=false and no numbers.",
    response: readinessRow,
    feed: true,
    handle: async ({ caller }): Promise<Feed> => ({
      name: "readiness",
      columns: Object.keys(readinessRow.shape),
      batches: (async function* () {
        for await (const initiatives of pagesOf(
          (afterId) => initiativesPage({ afterId, limit: 100 }),
          (row) => ({ id: row.id }),
          100,
        )) {
          for (const { id } of initiatives as { id: string }[]) {
            const report = await readinessReport(caller.principal, id, {});
            if (!report.pulseId) continue;
            yield report.rows.map((row) => ({
              initiative_id: report.initiative.id,
              initiative: report.initiative.name,
              pulse_id: report.pulseId!,
              department_id: row.departmentId,
              department: row.name,
              shown: row.cells !== null,
              respondents: row.cells?.respondents ?? null,
              readiness: row.cells?.readiness ?? null,
              barrier: row.cells?.barrier ?? null,
              ...Object.fromEntries(
                ADKAR_ELEMENTS.map((element) => [element, row.cells?.scores[element] ?? null]),
              ),
            }));
          }
        }
      })(),
    }),
  }),
  endpoint({
    method: "GET",
    path: "/feeds/kpi-actuals",
    scope: "reports:read",
    tag: "BI feeds",
    summary: "KPI actuals",
    response: kpiActualRow,
    feed: true,
    handle: async (): Promise<Feed> => ({
      name: "kpi-actuals",
      columns: Object.keys(kpiActualRow.shape),
      batches: kpiActualFeedBatches(),
    }),
  }),
  endpoint({
    method: "GET",
    path: "/feeds/ideas",
    scope: "reports:read",
    tag: "BI feeds",
    summary: "Ideas",
    description: "Every idea on the board (hidden ones left out), without authors.",
    response: ideaRow,
    feed: true,
    handle: async (): Promise<Feed> => ({
      name: "ideas",
      columns: Object.keys(ideaRow.shape),
      batches: pagesOf(
        (afterId) => ideasPage({ afterId, limit: 500 }),
        (row) => ({
          id: row.id,
          title: row.title,
          category: row.category,
          status: row.status,
          department_id: row.departmentId,
          votes: row.voteCount,
          comments: row.commentCount,
          created_at: iso(row.createdAt),
          updated_at: iso(row.updatedAt),
        }),
      ),
    }),
  }),
];
