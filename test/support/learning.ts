import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { publishCourse, readCourseSnapshot } from "~/modules/courses/index.server";
import { parseRuleFields } from "~/modules/learning";
import { readDrawnQuestions } from "~/modules/learning/index.server";
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

/** Correct answers for every question of an attempt (test-side knowledge of the bank). */
export async function correctAnswers(attemptId: string) {
  const attempt = await getDb().quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    include: { enrolment: { include: { version: true } } },
  });
  const snapshot = readCourseSnapshot(attempt.enrolment.version.snapshot);
  const drawn = readDrawnQuestions(attempt.questions);
  return Object.fromEntries(
    drawn.map((d) => [
      d.id,
      {
        optionIds: snapshot.questions
          .find((q) => q.id === d.id)!
          .options.filter((o) => o.correct)
          .map((o) => o.id),
      },
    ]),
  );
}
