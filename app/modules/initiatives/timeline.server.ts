// One initiative's overview (decision 040): details, targets, required courses with their
// completion in the reached departments, and the timeline's items (phases, pulses, due dates).
import { getDb } from "~/lib/db.server";
import { visibility, type Principal } from "~/lib/permissions";
import { courseSummaries } from "~/modules/courses/index.server";
import { completionInDepartments } from "~/modules/learning/index.server";
import { departmentNames, personNames } from "~/modules/org/index.server";
import { departmentsInReach, expandTargets } from "./access.server";

/** The overview's data; the caller has checked the viewer may read it (requireInitiative). */
export async function initiativeOverview(viewer: Principal, initiativeId: string) {
  const db = getDb();
  const initiative = await db.initiative.findUniqueOrThrow({
    where: { id: initiativeId },
    include: {
      phases: { orderBy: { position: "asc" } },
      departments: true,
      courses: { orderBy: { addedAt: "asc" } },
      pulses: {
        orderBy: { opensOn: "asc" },
        select: {
          id: true,
          title: true,
          opensOn: true,
          closesOn: true,
          status: true,
          phaseId: true,
        },
      },
    },
  });
  const [nodes, courses, owners] = await Promise.all([
    departmentNames(),
    courseSummaries(initiative.courses.map((c) => c.courseId)),
    personNames(initiative.ownerId ? [initiative.ownerId] : []),
  ]);
  const names = new Map(nodes.map((node) => [node.id, node.name]));
  const reached = departmentsInReach(
    viewer,
    expandTargets(initiative.departments, nodes),
    "Initiative",
  );
  const completion = await completionInDepartments(
    initiative.courses.map((c) => c.courseId),
    reached,
  );
  const rollout = initiative.phases[1] ?? initiative.phases.at(-1);
  return {
    id: initiative.id,
    name: initiative.name,
    goal: initiative.goal,
    status: initiative.status,
    startDate: initiative.startDate.toISOString(),
    revision: initiative.revision,
    ownerId: initiative.ownerId,
    owner: initiative.ownerId ? (owners.get(initiative.ownerId) ?? null) : null,
    phases: initiative.phases.map((phase) => ({
      id: phase.id,
      name: phase.name,
      startsOn: phase.startsOn.toISOString(),
      endsOn: phase.endsOn.toISOString(),
      hasPulses: initiative.pulses.some((pulse) => pulse.phaseId === phase.id),
    })),
    targets: initiative.departments
      .map((target) => ({
        departmentId: target.departmentId,
        name: names.get(target.departmentId) ?? "",
        includeSubDepartments: target.includeSubDepartments,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    courses: initiative.courses.map((course) => {
      const counts = completion.get(course.courseId) ?? { assigned: 0, completed: 0 };
      return {
        courseId: course.courseId,
        title: courses.get(course.courseId)?.title ?? "",
        dueDate: course.dueDate?.toISOString() ?? null,
        effectiveDueDate: (course.dueDate ?? rollout?.endsOn ?? null)?.toISOString() ?? null,
        assigned: counts.assigned,
        completed: counts.completed,
      };
    }),
    pulses: initiative.pulses.map((pulse) => ({
      id: pulse.id,
      title: pulse.title,
      status: pulse.status,
      opensOn: pulse.opensOn.toISOString(),
      closesOn: pulse.closesOn.toISOString(),
    })),
    /** Whether completion counts cover the whole initiative or the viewer's tree only. */
    scope: visibility(viewer, "read", "Initiative").kind === "all" ? "all" : "tree",
  };
}

export type InitiativeOverview = Awaited<ReturnType<typeof initiativeOverview>>;

/** The edit page's data: the overview's, with the department tree and the owner's option. */
export async function initiativeEditData(viewer: Principal, initiativeId: string) {
  const [overview, departments] = await Promise.all([
    initiativeOverview(viewer, initiativeId),
    departmentNames(),
  ]);
  return {
    ...overview,
    owner:
      overview.ownerId && overview.owner
        ? { value: overview.ownerId, label: overview.owner }
        : null,
    targets: overview.targets.map(({ departmentId, includeSubDepartments }) => ({
      departmentId,
      includeSubDepartments,
    })),
    departments,
  };
}
