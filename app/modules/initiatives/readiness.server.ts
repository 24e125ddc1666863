// The readiness report and a department's drill-down (decision 038). Survey answers are
// aggregated in SQL (one groupBy over PulseResponse per report), evidence comes from the
// other modules in one grouped query per source, and suppression is computed once per pulse
// on the initiative's whole department tree, so every view and filter shows the same cells.
import { getDb } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { visibility, type Principal, type Subject } from "~/lib/permissions";
import { courseTitlesByIds } from "~/modules/learning/index.server";
import { activeHeadcounts, departmentNames } from "~/modules/org/index.server";
import {
  ADKAR_ELEMENTS,
  bandOf,
  barrierOf,
  disagreements,
  elementScores,
  geometricReadiness,
  LOWEST_MIN_RESPONDENTS,
  readinessScore,
  surveyScore,
  type AdkarElement,
  type Band,
  type ElementScores,
} from "./adkar";
import { departmentsInReach, expandTargets, requireInitiative } from "./access.server";
import {
  EVIDENCE_KEYS,
  evidenceOf,
  participationByDepartment,
  participationWindow,
  requiredCourseEvidence,
  rollUpNumbers,
  actionsPerHead,
  type CourseEvidenceRow,
  type EvidenceCounts,
  type Participation,
} from "./evidence.server";
import {
  addTally,
  barrierKey,
  barrierSharesOf,
  emptyTally,
  meansOf,
  readinessForest,
  rollUp,
  suppress,
  type BarrierKey,
  type GroupTally,
  type Rollup,
  type Suppression,
} from "./readiness-rollup";
import type {
  DepartmentReadiness,
  NextStep,
  ReadinessCells,
  ReadinessReport,
  ReadinessRow,
  TrendSeries,
} from "./readiness-types";

/** The floor an initiative applies: its own, never below 3. */
export function floorOf(initiative: { minRespondents: number }) {
  return Math.max(LOWEST_MIN_RESPONDENTS, initiative.minRespondents);
}

interface PulseView {
  rollup: Rollup;
  suppression: Suppression;
  evidence: Map<string, EvidenceCounts>;
  company: EvidenceCounts;
  window: { from: Date; to: Date };
}

type LoadedInitiative = Awaited<ReturnType<typeof requireInitiative>>;

/** Everything the report needs about one initiative, in a fixed number of queries. */
async function loadContext(
  initiative: LoadedInitiative,
  /** The drill-down needs one pulse's answers; the report every pulse's (for the trend). */
  only?: { pulseId: string | undefined },
) {
  const db = getDb();
  const [pulses, phases, courses, targets, organisation, headcounts] = await Promise.all([
    db.pulse.findMany({
      where: { initiativeId: initiative.id },
      orderBy: [{ opensOn: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        status: true,
        opensOn: true,
        closesOn: true,
        phaseId: true,
        phase: { select: { startsOn: true, endsOn: true } },
      },
    }),
    db.initiativePhase.findMany({
      where: { initiativeId: initiative.id },
      orderBy: { position: "asc" },
      select: { id: true, name: true, startsOn: true, endsOn: true },
    }),
    db.initiativeCourse.findMany({
      where: { initiativeId: initiative.id },
      select: { courseId: true, rules: { select: { departmentId: true, ruleId: true } } },
    }),
    db.initiativeDepartment.findMany({
      where: { initiativeId: initiative.id },
      select: { departmentId: true, includeSubDepartments: true },
    }),
    departmentNames(),
    activeHeadcounts(),
  ]);
  const courseIds = courses.map((course) => course.courseId);
  // Which pulses have answers: from the tallies, or (one pulse wanted) one indexed probe each.
  const probed = only
    ? new Set(
        (
          await Promise.all(
            pulses.map(async (pulse) =>
              (await db.pulseResponse.findFirst({
                where: { pulseId: pulse.id },
                select: { id: true },
              }))
                ? [pulse.id]
                : [],
            ),
          )
        ).flat(),
      )
    : null;
  const wanted = only
    ? [choosePulse(pulses, probed!, only.pulseId)?.id].filter((id): id is string => !!id)
    : pulses.map((pulse) => pulse.id);
  const [groups, courseRows] = await Promise.all([
    wanted.length === 0
      ? Promise.resolve([])
      : db.pulseResponse.groupBy({
          by: ["pulseId", "departmentId", "barrier"],
          where: { pulseId: { in: wanted } },
          _count: { _all: true },
          _sum: {
            awareness: true,
            desire: true,
            knowledge: true,
            ability: true,
            reinforcement: true,
          },
        }),
    requiredCourseEvidence(courseIds),
  ]);
  // Tallies per pulse and department, straight from the grouped counts and sums.
  const tallies = new Map<string, Map<string, GroupTally>>();
  const answered = new Set<string>();
  for (const group of groups) {
    let byDepartment = tallies.get(group.pulseId);
    if (!byDepartment) tallies.set(group.pulseId, (byDepartment = new Map()));
    const tally = byDepartment.get(group.departmentId) ?? emptyTally();
    const count = group._count._all;
    const part = emptyTally();
    part.respondents = count;
    for (const element of ADKAR_ELEMENTS) part.sums[element] = group._sum[element] ?? 0;
    part.barriers[barrierKey(group.barrier)] = count;
    byDepartment.set(group.departmentId, addTally(tally, part));
    answered.add(group.departmentId);
  }
  const reached = expandTargets(targets, organisation);
  const forest = readinessForest(organisation, [...reached, ...answered]);
  const names = new Map(organisation.map((node) => [node.id, node.name]));
  const courseByDepartment = new Map<string, CourseEvidenceRow[]>();
  for (const row of courseRows) {
    const list = courseByDepartment.get(row.departmentId) ?? [];
    list.push(row);
    courseByDepartment.set(row.departmentId, list);
  }
  return {
    initiative,
    reached,
    answeredPulses: probed ?? new Set(tallies.keys()),
    floor: floorOf(initiative),
    pulses,
    phases,
    courses,
    courseRows,
    forest,
    names,
    headcounts,
    tallies,
    courseByDepartment,
  };
}
type Context = Awaited<ReturnType<typeof loadContext>>;
type ContextPulse = Context["pulses"][number];

/** A department's own evidence counts (without its sub-departments). */
function ownEvidence(
  context: Context,
  participation: ReadonlyMap<string, Participation>,
  id: string,
): EvidenceCounts {
  const courses = context.courseByDepartment.get(id) ?? [];
  const acts = participation.get(id);
  return {
    total: courses.reduce((sum, row) => sum + row.total, 0),
    completed: courses.reduce((sum, row) => sum + row.completed, 0),
    scoreSum: courses.reduce((sum, row) => sum + row.scoreSum, 0),
    scoreCount: courses.reduce((sum, row) => sum + row.scoreCount, 0),
    ideas: acts?.ideas ?? 0,
    votes: acts?.votes ?? 0,
    kudos: acts?.kudos ?? 0,
    headcount: context.headcounts.get(id) ?? 0,
  };
}

/** One pulse's roll-up, suppression and evidence on the initiative's whole tree. */
async function pulseView(context: Context, pulse: ContextPulse): Promise<PulseView> {
  const own = context.tallies.get(pulse.id) ?? new Map<string, GroupTally>();
  const rollup = rollUp(context.forest, own);
  const suppression = suppress(rollup, context.floor);
  const window = participationWindow(pulse);
  const participation = await participationByDepartment(window.from, window.to);
  const evidence = rollUpNumbers(rollup, EVIDENCE_KEYS, (id) =>
    ownEvidence(context, participation, id),
  );
  const company = Object.fromEntries(EVIDENCE_KEYS.map((key) => [key, 0])) as EvidenceCounts;
  for (const root of rollup.roots) {
    const totals = evidence.get(root)!;
    for (const key of EVIDENCE_KEYS) company[key] += totals[key];
  }
  return { rollup, suppression, evidence, company, window };
}

/** The cells of a shown group: means, bands, scores, barrier, disagreements. */
function cellsOf(tally: GroupTally, counts: EvidenceCounts, surveyWeight: number): ReadinessCells {
  const means = meansOf(tally);
  const evidence = evidenceOf(counts);
  const scores = elementScores(means, evidence, surveyWeight);
  const survey = Object.fromEntries(
    ADKAR_ELEMENTS.map((element) => [element, surveyScore(means[element])]),
  ) as ElementScores;
  return {
    respondents: tally.respondents,
    responseRate: counts.headcount > 0 ? (100 * tally.respondents) / counts.headcount : null,
    means,
    bands: Object.fromEntries(
      ADKAR_ELEMENTS.map((element) => [element, bandOf(means[element])]),
    ) as Record<AdkarElement, Band>,
    survey,
    evidence,
    scores,
    readiness: readinessScore(scores),
    geometric: geometricReadiness(scores),
    barrier: barrierOf(means),
    disagreements: disagreements(means, evidence),
  };
}

function departmentCells(context: Context, view: PulseView, departmentId: string) {
  if (!view.suppression.shown.has(departmentId)) return null;
  const node = view.rollup.nodes.get(departmentId)!;
  return cellsOf(node.total, view.evidence.get(departmentId)!, context.initiative.surveyWeight);
}

function companyCells(context: Context, view: PulseView) {
  if (!view.suppression.company) return null;
  return cellsOf(view.rollup.company, view.company, context.initiative.surveyWeight);
}

/** The departments of the forest the viewer sees: a manager's tree only. */
function visibleDepartments(viewer: Principal, context: Context, departmentId?: string) {
  const inReach = new Set(
    departmentsInReach(
      viewer,
      context.forest.map((node) => node.id),
      "Readiness",
    ),
  );
  if (!departmentId) return inReach;
  if (!inReach.has(departmentId)) throw new NotFoundError();
  // The department and the forest below it.
  const parentOf = new Map(context.forest.map((node) => [node.id, node.parentId]));
  const below = new Set<string>();
  for (const node of context.forest) {
    let cursor: string | null = node.id;
    while (cursor !== null && cursor !== departmentId) cursor = parentOf.get(cursor) ?? null;
    if (cursor === departmentId && inReach.has(node.id)) below.add(node.id);
  }
  return below;
}

function rowsOf(context: Context, view: PulseView, visible: Set<string>): ReadinessRow[] {
  const rows: ReadinessRow[] = [];
  const depthOf = new Map<string, number>();
  for (const id of view.rollup.order) {
    if (!visible.has(id)) continue;
    const node = view.rollup.nodes.get(id)!;
    let ancestor = node.parentId;
    while (ancestor !== null && !visible.has(ancestor)) {
      ancestor = view.rollup.nodes.get(ancestor)?.parentId ?? null;
    }
    const depth = ancestor === null ? 0 : depthOf.get(ancestor)! + 1;
    depthOf.set(id, depth);
    rows.push({
      departmentId: id,
      name: context.names.get(id) ?? id,
      depth,
      hasChildren: node.children.some((child) => visible.has(child)),
      cells: departmentCells(context, view, id),
    });
  }
  return rows;
}

/** The pulse asked for (404 when not this initiative's), else the latest with answers. */
function choosePulse<P extends { id: string }>(
  pulses: readonly P[],
  answered: ReadonlySet<string>,
  pulseId: string | undefined,
): P | null {
  if (pulseId) {
    const pulse = pulses.find((candidate) => candidate.id === pulseId);
    if (!pulse) throw new NotFoundError();
    return pulse;
  }
  return pulses.filter((pulse) => answered.has(pulse.id)).at(-1) ?? pulses.at(-1) ?? null;
}

function selectPulse(context: Context, pulseId: string | undefined) {
  return choosePulse(context.pulses, context.answeredPulses, pulseId);
}

function pulseSummaries(context: Context) {
  return context.pulses.map((pulse) => ({
    id: pulse.id,
    title: pulse.title,
    status: pulse.status,
    opensOn: pulse.opensOn,
    closesOn: pulse.closesOn,
    phaseId: pulse.phaseId,
    hasAnswers: context.answeredPulses.has(pulse.id),
  }));
}

/**
 * The readiness report of an initiative: the heat map rows of the chosen pulse (default the
 * latest with answers) through the department tree the viewer sees, the company row for
 * those who see every department, and every shown row's readiness across the pulses.
 */
export async function readinessReport(
  viewer: Principal,
  initiativeId: string,
  query: { pulseId?: string; departmentId?: string },
  now = new Date(),
): Promise<ReadinessReport> {
  const initiative = await requireInitiative(viewer, initiativeId, "read", "Readiness");
  const context = await loadContext(initiative);
  const visible = visibleDepartments(viewer, context, query.departmentId);
  const pulse = selectPulse(context, query.pulseId);
  const answered = context.pulses.filter((candidate) => context.tallies.has(candidate.id));
  const views = new Map<string, PulseView>();
  await Promise.all(
    answered.map(async (candidate) => views.set(candidate.id, await pulseView(context, candidate))),
  );
  const selected = pulse ? (views.get(pulse.id) ?? (await pulseView(context, pulse))) : null;
  const rows = selected ? rowsOf(context, selected, visible) : [];
  const seesCompany = visibility(viewer, "read", "Readiness").kind === "all" && !query.departmentId;
  const company = seesCompany && selected ? { cells: companyCells(context, selected) } : null;
  const series: TrendSeries[] = [];
  if (seesCompany) {
    series.push({
      key: "company",
      name: null,
      values: context.pulses.map((candidate) => {
        const view = views.get(candidate.id);
        return view ? (companyCells(context, view)?.readiness ?? null) : null;
      }),
    });
  }
  for (const row of rows) {
    series.push({
      key: row.departmentId,
      name: row.name,
      values: context.pulses.map((candidate) => {
        const view = views.get(candidate.id);
        return view ? (departmentCells(context, view, row.departmentId)?.readiness ?? null) : null;
      }),
    });
  }
  return {
    initiative: {
      id: initiative.id,
      name: initiative.name,
      surveyWeight: initiative.surveyWeight,
      floor: context.floor,
    },
    asOf: now,
    pulses: pulseSummaries(context),
    pulseId: pulse?.id ?? null,
    phases: context.phases,
    departmentId: query.departmentId ?? null,
    // The department filter's options: every department the viewer sees.
    departments: rowsOf(context, emptyView(context), visibleDepartments(viewer, context)).map(
      (row) => ({ id: row.departmentId, name: row.name, depth: row.depth }),
    ),
    company,
    rows,
    trend: series,
  };
}

/** The tree without answers (no pulse yet): rows with nothing shown. */
function emptyView(context: Context): PulseView {
  const rollup = rollUp(context.forest, new Map());
  return {
    rollup,
    suppression: { shown: new Set(), company: false },
    evidence: new Map(),
    company: Object.fromEntries(EVIDENCE_KEYS.map((key) => [key, 0])) as EvidenceCounts,
    window: { from: new Date(0), to: new Date(0) },
  };
}

export const COMMENTS_PAGE_SIZE = 50;

/** Suggested next steps for every element at or below 3, in ADKAR order. */
function nextStepsOf(
  context: Context,
  departmentId: string,
  cells: ReadinessCells,
  titles: Map<string, string>,
): NextStep[] {
  const ruleFor = (courseId: string) =>
    context.courses
      .find((course) => course.courseId === courseId)
      ?.rules.find((rule) => rule.departmentId === departmentId)?.ruleId;
  const linksFor = (element: AdkarElement): NextStep["links"] => {
    switch (element) {
      case "awareness":
        return [{ href: "/notifications", labelKey: "initiatives.readiness.steps.awareness" }];
      case "desire":
        return [
          { href: "/rewards/kudos", labelKey: "initiatives.readiness.steps.kudos" },
          { href: "/ideas", labelKey: "initiatives.readiness.steps.ideas" },
        ];
      case "knowledge": {
        const links = context.courses.flatMap((course) => {
          const ruleId = ruleFor(course.courseId);
          return ruleId
            ? [
                {
                  href: `/assignments/${ruleId}` as const,
                  labelKey: "initiatives.readiness.steps.remindCourse",
                  params: { course: titles.get(course.courseId) ?? "" },
                },
              ]
            : [];
        });
        return links.length > 0
          ? links
          : [{ href: "/assignments", labelKey: "initiatives.readiness.steps.assign" }];
      }
      case "ability":
        return context.courses.map((course) => ({
          href: `/reports/courses/${course.courseId}`,
          labelKey: "initiatives.readiness.steps.quizResults",
          params: { course: titles.get(course.courseId) ?? "" },
        }));
      case "reinforcement":
        return [
          { href: "/rewards", labelKey: "initiatives.readiness.steps.leaderboards" },
          { href: "/rewards/rules", labelKey: "initiatives.readiness.steps.badges" },
        ];
    }
  };
  return ADKAR_ELEMENTS.filter((element) => cells.means[element] <= 3).map((element) => ({
    element,
    barrierPoint: element === cells.barrier,
    links: linksFor(element),
  }));
}

/**
 * One department's readiness in a pulse: its elements (survey, evidence, blended), barrier
 * point and the shares of respondents' own barriers, completion and quiz evidence per
 * required course, participation, comments (without names, sorted by text, a page at a
 * time) and next steps. Nothing but the name and the floor when the group is not shown.
 */
export async function departmentReadiness(
  viewer: Principal,
  initiativeId: string,
  departmentId: string,
  query: { pulseId?: string; page?: number },
  now = new Date(),
): Promise<DepartmentReadiness> {
  const initiative = await requireInitiative(viewer, initiativeId, "read", "Readiness");
  const context = await loadContext(initiative, { pulseId: query.pulseId });
  const visible = visibleDepartments(viewer, context, departmentId);
  const pulse = selectPulse(context, query.pulseId);
  const view = pulse ? await pulseView(context, pulse) : emptyView(context);
  const cells = pulse ? departmentCells(context, view, departmentId) : null;
  const base = {
    initiative: {
      id: initiative.id,
      name: initiative.name,
      surveyWeight: initiative.surveyWeight,
      floor: context.floor,
    },
    asOf: now,
    department: { id: departmentId, name: context.names.get(departmentId) ?? departmentId },
    pulses: pulseSummaries(context),
    pulseId: pulse?.id ?? null,
    children: rowsOf(context, view, visible).filter((row) => row.departmentId !== departmentId),
  };
  if (!cells || !pulse) return { ...base, shown: false as const };
  const subtree = [...visible];
  const page = Math.max(1, query.page ?? 1);
  const commentWhere = {
    pulseId: pulse.id,
    departmentId: { in: subtree },
    comment: { not: "" },
  };
  const [comments, commentCount, titles] = await Promise.all([
    getDb().pulseResponse.findMany({
      where: commentWhere,
      select: { comment: true },
      orderBy: [{ comment: "asc" }],
      skip: (page - 1) * COMMENTS_PAGE_SIZE,
      take: COMMENTS_PAGE_SIZE,
    }),
    getDb().pulseResponse.count({ where: commentWhere }),
    courseTitlesByIds(context.courses.map((course) => course.courseId)),
  ]);
  const inSubtree = new Set(subtree);
  const courses = context.courses.map((course) => {
    const rows = context.courseRows.filter(
      (row) => row.courseId === course.courseId && inSubtree.has(row.departmentId),
    );
    const total = rows.reduce((sum, row) => sum + row.total, 0);
    const completed = rows.reduce((sum, row) => sum + row.completed, 0);
    const scoreSum = rows.reduce((sum, row) => sum + row.scoreSum, 0);
    const scoreCount = rows.reduce((sum, row) => sum + row.scoreCount, 0);
    return {
      courseId: course.courseId,
      title: titles.get(course.courseId) ?? course.courseId,
      enrolled: total,
      completed,
      completionPct: total > 0 ? (100 * completed) / total : null,
      quizMean: scoreCount > 0 ? scoreSum / scoreCount : null,
    };
  });
  const counts = view.evidence.get(departmentId)!;
  const tally = view.rollup.nodes.get(departmentId)!.total;
  const shares = barrierSharesOf(tally);
  return {
    ...base,
    shown: true as const,
    cells,
    elements: ADKAR_ELEMENTS.map((element) => ({
      element,
      mean: cells.means[element],
      band: cells.bands[element],
      survey: cells.survey[element],
      evidence:
        element === "knowledge" || element === "ability" || element === "reinforcement"
          ? cells.evidence[element]
          : null,
      score: cells.scores[element],
    })),
    barrierShares: (Object.keys(shares) as BarrierKey[]).map((key) => ({
      barrier: key,
      share: shares[key],
    })),
    courses,
    participation: {
      ideas: counts.ideas,
      votes: counts.votes,
      kudos: counts.kudos,
      headcount: counts.headcount,
      perHead: actionsPerHead(counts),
      score: cells.evidence.reinforcement,
      from: view.window.from,
      to: view.window.to,
    },
    comments: {
      items: comments.map((row) => row.comment),
      page,
      pageSize: COMMENTS_PAGE_SIZE,
      total: commentCount,
    },
    nextSteps: nextStepsOf(context, departmentId, cells, titles),
  };
}

/** A department an initiative reaches, with its training and readiness (the KPI effect table). */
export interface DepartmentProgress {
  departmentId: string;
  name: string;
  /** Depth among the rows the viewer sees (0 = top). */
  depth: number;
  /**
   * Completion of the required courses in percent, the department with its sub-departments
   * (the readiness report's knowledge evidence); null when nobody there is enrolled.
   */
  completion: number | null;
  /**
   * The readiness score and barrier point of the latest pulse with answers; null when the
   * group is under the floor (or would reveal one), has no answers, or the viewer may not
   * see readiness.
   */
  readiness: { score: number; barrier: AdkarElement | null } | null;
}

export interface InitiativeProgress {
  floor: number;
  /** The pulse the readiness comes from (the latest with answers), if any. */
  pulse: { id: string; title: string; closesOn: Date } | null;
  requiredCourses: number;
  departments: DepartmentProgress[];
}

/**
 * Every department the initiative reaches that the viewer may read `subject` of, in tree
 * order, with required-course completion and the latest answered pulse's readiness, computed
 * exactly as the readiness report computes them (the same roll-up, evidence and floor), in a
 * fixed number of queries. The caller has authorised the initiative.
 */
export async function initiativeProgress(
  viewer: Principal,
  initiative: LoadedInitiative,
  subject: Subject,
): Promise<InitiativeProgress> {
  const context = await loadContext(initiative);
  const reached = [...context.reached];
  const visible = new Set(departmentsInReach(viewer, reached, subject));
  const seesReadiness = new Set(departmentsInReach(viewer, reached, "Readiness"));
  const chosen = selectPulse(context, undefined);
  const pulse = chosen && context.answeredPulses.has(chosen.id) ? chosen : null;
  const view = pulse ? await pulseView(context, pulse) : emptyView(context);
  // Completion does not depend on a pulse: without one, roll the course counts up alone.
  const evidence = pulse
    ? view.evidence
    : rollUpNumbers(view.rollup, EVIDENCE_KEYS, (id) => ownEvidence(context, new Map(), id));
  return {
    floor: context.floor,
    pulse: pulse ? { id: pulse.id, title: pulse.title, closesOn: pulse.closesOn } : null,
    requiredCourses: context.courses.length,
    departments: rowsOf(context, view, visible).map((row) => ({
      departmentId: row.departmentId,
      name: row.name,
      depth: row.depth,
      completion: evidenceOf(evidence.get(row.departmentId)!).knowledge,
      readiness:
        row.cells && seesReadiness.has(row.departmentId)
          ? { score: row.cells.readiness, barrier: row.cells.barrier }
          : null,
    })),
  };
}
