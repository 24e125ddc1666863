import type { Principal } from "~/lib/permissions";
export { principalFor } from "./factories";
import { addLesson, addQuestion, createCourse } from "~/modules/courses/index.server";
import { courseSchema, lessonSchema, questionSchema } from "~/modules/courses";

export const courseForm = (ownerId: string, overrides: Record<string, string> = {}) =>
  courseSchema.parse({
    title: "Complaint handling",
    summary: "The new complaint process",
    category: "PROCESS",
    estimatedMinutes: "30",
    tags: "complaints, Process",
    coverColor: "teal",
    coverIcon: "📞",
    ownerId,
    ...overrides,
  });

export const singleChoice = (prompt = "Which step comes first?") =>
  questionSchema.parse({
    type: "SINGLE",
    prompt,
    explanation: "Acknowledge first.",
    options: [
      { id: "a", text: "Acknowledge", correct: true },
      { id: "b", text: "Escalate", correct: false },
    ],
  });

/** A course owned by `owner` with the given number of lessons and single-choice questions. */
export async function makeCourse(owner: Principal, lessons = 2, questions = 2) {
  const course = await createCourse(owner, courseForm(owner.id));
  for (let i = 1; i <= lessons; i++) {
    await addLesson(
      owner,
      course.id,
      lessonSchema.parse({ title: `Lesson ${i}`, body: `Body ${i}` }),
    );
  }
  for (let i = 1; i <= questions; i++)
    await addQuestion(owner, course.id, singleChoice(`Question ${i}`));
  return course;
}
