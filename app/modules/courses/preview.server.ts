import { getDb } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { can, type Principal } from "~/lib/permissions";
import { newPreviewNonce, previewKey } from "./answer-keys.server";
import { buildSnapshot, getVersionSnapshot } from "./courses.server";
import { gradeQuestion, percentScore, type Answer } from "./grading";
import type { CourseSnapshot } from "./snapshot";

/** The working draft (version null) or a published version, for authors only. */
async function snapshotFor(
  actor: Principal,
  courseId: string,
  version: number | null,
  action: "read" | "update" = "read",
): Promise<{ snapshot: CourseSnapshot; ownerId: string }> {
  if (!can(actor, action, "Course")) throw new ForbiddenError();
  const course = await getDb().course.findUnique({
    where: { id: courseId },
    select: { id: true, ownerId: true },
  });
  if (!course) throw new NotFoundError();
  // Grading shows the key (correct options, accepted answers): only for those who may edit
  // this course, not for every reader of the catalogue.
  if (!can(actor, action, { type: "Course", ownerId: course.ownerId })) throw new ForbiddenError();
  const snapshot =
    version === null
      ? await buildSnapshot(getDb(), courseId)
      : await getVersionSnapshot(courseId, version);
  return { snapshot, ownerId: course.ownerId };
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
 * settings say, with nothing that reveals the answers. Questions and options carry opaque
 * ids derived from this load's nonce, never the bank's ids (their order is the authoring
 * order).
 */
export async function getPreview(actor: Principal, courseId: string, version: number | null) {
  const { snapshot, ownerId } = await snapshotFor(actor, courseId, version);
  const nonce = newPreviewNonce();
  const drawn =
    snapshot.quiz.drawCount > 0
      ? shuffled(snapshot.questions).slice(0, snapshot.quiz.drawCount)
      : snapshot.questions;
  return {
    course: snapshot.course,
    quiz: snapshot.quiz,
    nonce,
    canGrade: can(actor, "update", { type: "Course", ownerId }),
    lessons: snapshot.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      html: renderMarkdown(lesson.body),
      videoUrl: lesson.videoUrl,
      attachmentUrl: lesson.attachmentUrl,
    })),
    questions: drawn.map((question) => ({
      id: previewKey(nonce, question.id),
      type: question.type,
      prompt: question.prompt,
      options: (snapshot.quiz.shuffleOptions && question.type !== "TRUE_FALSE"
        ? shuffled(question.options)
        : question.options
      ).map(({ id, text }) => ({ id: previewKey(nonce, question.id, id), text })),
    })),
  };
}

/**
 * Grades a preview attempt on the server; nothing is recorded. Answers use the opaque ids
 * of the preview load (`nonce`), and so does the review that comes back.
 */
export async function gradePreview(
  actor: Principal,
  courseId: string,
  version: number | null,
  nonce: string,
  answers: Record<string, Answer>,
) {
  const { snapshot } = await snapshotFor(actor, courseId, version, "update");
  const byKey = new Map(
    snapshot.questions.map((question) => [previewKey(nonce, question.id), question]),
  );
  const unknown = Object.keys(answers).filter((key) => !byKey.has(key));
  if (unknown.length > 0) throw new ValidationError({ answers: "courses.preview.unknownQuestion" });
  const results = Object.entries(answers).map(([key, answer]) => {
    const question = byKey.get(key)!;
    const optionKey = (id: string) => previewKey(nonce, question.id, id);
    const optionByKey = new Map(
      question.options.map((option) => [optionKey(option.id), option.id]),
    );
    const chosen = (answer.optionIds ?? []).map((id) => optionByKey.get(id) ?? "");
    return {
      id: key,
      score: gradeQuestion(question, { ...answer, optionIds: chosen }),
      correctOptionIds: question.options
        .filter((option) => option.correct)
        .map((option) => optionKey(option.id)),
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
