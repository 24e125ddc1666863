import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { publishCourse } from "~/modules/courses/content.server";
import { parseRuleFields } from "~/modules/learning/schemas";
import { makeCourse } from "./courses";

/** A published course with `lessons` lessons and `questions` single-choice questions. */
export async function publishedCourse(owner: Principal, lessons = 2, questions = 2) {
  const course = await makeCourse(owner, lessons, questions);
  await publishCourse(owner, course.id);
  return course;
}

export const ruleForm = parseRuleFields;

export async function openEnrolments(courseId: string) {
  return getDb().enrolment.findMany({
    where: { courseId, openKey: { not: null } },
    orderBy: { userId: "asc" },
  });
}
