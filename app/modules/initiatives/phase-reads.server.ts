// What other modules read of initiatives by id (the kpis module: per-phase targets, chart bands,
// course roll-out markers and the KPI form's initiative choice). Reads only; no permission
// check here: the caller has already checked its own subject (Kpi) and passes ids it may show.
import { getDb, type DbTx } from "~/lib/db.server";
import { courseSummaries } from "~/modules/courses/index.server";

export interface PhaseSpan {
  id: string;
  initiativeId: string;
  position: number;
  /** An i18n key for the template's phases, else the name as typed. */
  name: string;
  startsOn: Date;
  endsOn: Date;
}

/**
 * The phases of each initiative, in order (one query for all of them); `db` is the caller's
 * transaction when it reads inside one.
 */
export async function phasesOfInitiatives(initiativeIds: readonly string[], db: DbTx = getDb()) {
  const byInitiative = new Map<string, PhaseSpan[]>(initiativeIds.map((id) => [id, []]));
  if (initiativeIds.length === 0) return byInitiative;
  const phases = await db.initiativePhase.findMany({
    where: { initiativeId: { in: [...initiativeIds] } },
    select: {
      id: true,
      initiativeId: true,
      position: true,
      name: true,
      startsOn: true,
      endsOn: true,
    },
    orderBy: [{ initiativeId: "asc" }, { position: "asc" }],
  });
  for (const phase of phases) byInitiative.get(phase.initiativeId)?.push(phase);
  return byInitiative;
}

/** Initiatives by id with their names (for lists that hold only ids). */
export async function initiativeNames(initiativeIds: readonly string[]) {
  if (initiativeIds.length === 0) return new Map<string, string>();
  const rows = await getDb().initiative.findMany({
    where: { id: { in: [...new Set(initiativeIds)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Every initiative, newest first, as choices for a select (ids and names only). */
export async function initiativeChoices() {
  return getDb().initiative.findMany({
    select: { id: true, name: true },
    orderBy: [{ startDate: "desc" }, { id: "asc" }],
    take: 200,
  });
}

/** When each required course of an initiative was added (its rules enrol the targets then). */
export async function requiredCourseRollouts(initiativeId: string) {
  const courses = await getDb().initiativeCourse.findMany({
    where: { initiativeId },
    select: { courseId: true, addedAt: true },
    orderBy: { addedAt: "asc" },
  });
  const titles = await courseSummaries(courses.map((c) => c.courseId));
  return courses.map((course) => ({
    courseId: course.courseId,
    title: titles.get(course.courseId)?.title ?? "",
    addedAt: course.addedAt,
  }));
}
