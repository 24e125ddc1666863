import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { buildSnapshot, getVersionSnapshot } from "./courses.server";
import { gradeQuestion, percentScore, type Answer } from "./grading";
import type { CourseSnapshot } from "./snapshot";

/** The working draft (version null) or a published version, for authors only. */
async function snapshotFor(
  actor: Principal,
  courseId: string,
  version: number | null,
): Promise<CourseSnapshot> {
  if (!can(actor, "read", "Course")) throw new ForbiddenError();
  const exists = await getDb().course.findUnique({ where: { id: courseId }, select: { id: true } });
  if (!exists) throw new NotFoundError();
  return version === null
    ? buildSnapshot(getDb(), courseId)
    : getVersionSnapshot(courseId, version);
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * What a learner would see: lessons as sanitised HTML and a quiz drawn and shuffled as the
 * settings say, with nothing that reveals the answers.
 */
export async function getPreview(actor: Principal, courseId: string, version: number | null) {
  const snapshot = await snapshotFor(actor, courseId, version);
  const drawn =
    snapshot.quiz.drawCount > 0
      ? shuffled(snapshot.questions).slice(0, snapshot.quiz.drawCount)
      : snapshot.questions;
  return {
    course: snapshot.course,
    quiz: snapshot.quiz,
    lessons: snapshot.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      html: renderMarkdown(lesson.body),
      videoUrl: lesson.videoUrl,
      attachmentUrl: lesson.attachmentUrl,
    })),
    questions: drawn.map((question) => ({
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      options: (snapshot.quiz.shuffleOptions && question.type !== "TRUE_FALSE"
        ? shuffled(question.options)
        : question.options
      ).map(({ id, text }) => ({ id, text })),
    })),
  };
}

/** Grades a preview attempt on the server; nothing is recorded. */
export async function gradePreview(
  actor: Principal,
  courseId: string,
  version: number | null,
  answers: Record<string, Answer>,
) {
  const snapshot = await snapshotFor(actor, courseId, version);
  const byId = new Map(snapshot.questions.map((question) => [question.id, question]));
  const unknown = Object.keys(answers).filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new ValidationError({ answers: "courses.preview.unknownQuestion" });
  const results = Object.entries(answers).map(([id, answer]) => {
    const question = byId.get(id)!;
    return {
      id,
      score: gradeQuestion(question, answer),
      correctOptionIds: question.options
        .filter((option) => option.correct)
        .map((option) => option.id),
      acceptedAnswers: question.acceptedAnswers,
      explanation: question.explanation,
    };
  });
  const percent = percentScore(results.map((result) => result.score));
  return {
    results,
    percent,
    passed: percent >= snapshot.quiz.passMark,
    passMark: snapshot.quiz.passMark,
  };
}
