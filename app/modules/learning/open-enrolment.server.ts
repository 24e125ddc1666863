import type { DbTx } from "~/lib/db.server";
import { readCourseSnapshot } from "~/modules/courses/index.server";

// What every path that enrols someone shares: an open enrolment (not started or in
// progress) is unique per person and course through its open key, and a new one starts on
// the course's latest published version.

export const openKeyOf = (userId: string, courseId: string) => `${userId}:${courseId}`;

export const snapshotOf = readCourseSnapshot;

/** The version a new enrolment starts on; none when the course is not published. */
export async function latestPublishedVersion(tx: DbTx, courseId: string) {
  const course = await tx.course.findUnique({
    where: { id: courseId },
    select: {
      status: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true } },
    },
  });
  // Only published courses can be newly assigned (archived ones stay in history).
  return course?.status === "PUBLISHED" ? (course.versions[0] ?? null) : null;
}
