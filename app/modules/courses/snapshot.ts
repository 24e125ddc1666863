import { z } from "zod";
import { CATEGORIES, QUESTION_TYPES } from "./schemas";

// The Json columns the courses module owns, each with its schema (decision 019): a
// question's options and accepted answers, a version's snapshot and its change counts. Keys
// are in the order the module writes them: compareSnapshots compares JSON texts.

export const questionOptionsSchema = z.array(
  z.object({ id: z.string(), text: z.string(), correct: z.boolean() }),
);
export type QuestionOption = z.infer<typeof questionOptionsSchema>[number];

export const acceptedAnswersSchema = z.array(z.string());

const snapshotLessonSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  videoUrl: z.string(),
  attachmentUrl: z.string(),
});

const snapshotQuestionSchema = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  prompt: z.string(),
  explanation: z.string(),
  partialCredit: z.boolean(),
  options: questionOptionsSchema,
  acceptedAnswers: acceptedAnswersSchema,
});

/** The frozen content of a published version; the learning side reads only this. */
export const courseSnapshotSchema = z.object({
  course: z.object({
    title: z.string(),
    summary: z.string(),
    category: z.enum(CATEGORIES),
    estimatedMinutes: z.number(),
    tags: z.array(z.string()),
    coverColor: z.string(),
    coverIcon: z.string(),
  }),
  quiz: z.object({
    passMark: z.number(),
    attemptsAllowed: z.number().nullable(),
    timeLimitMinutes: z.number().nullable(),
    drawCount: z.number(),
    shuffleOptions: z.boolean(),
  }),
  lessons: z.array(snapshotLessonSchema),
  questions: z.array(snapshotQuestionSchema),
});

export type CourseSnapshot = z.infer<typeof courseSnapshotSchema>;
export type SnapshotLesson = z.infer<typeof snapshotLessonSchema>;
export type SnapshotQuestion = z.infer<typeof snapshotQuestionSchema>;

export const versionChangesSchema = z.object({
  lessonsAdded: z.number(),
  lessonsRemoved: z.number(),
  lessonsEdited: z.number(),
  questionsAdded: z.number(),
  questionsRemoved: z.number(),
  questionsEdited: z.number(),
  /** Course fields, quiz settings or the order of lessons/questions changed. */
  detailsChanged: z.boolean(),
});

export type VersionChanges = z.infer<typeof versionChangesSchema>;

function diffById<T extends { id: string }>(before: T[], after: T[]) {
  const old = new Map(before.map((item) => [item.id, JSON.stringify(item)]));
  const now = new Map(after.map((item) => [item.id, JSON.stringify(item)]));
  let added = 0;
  let edited = 0;
  for (const [id, json] of now) {
    if (!old.has(id)) added++;
    else if (old.get(id) !== json) edited++;
  }
  const removed = [...old.keys()].filter((id) => !now.has(id)).length;
  const kept = (items: T[]) =>
    items
      .map((item) => item.id)
      .filter((id) => old.has(id) && now.has(id))
      .join();
  return { added, removed, edited, reordered: kept(before) !== kept(after) };
}

/** Count-wise changes from one snapshot to the next (everything is "added" for version 1). */
export function compareSnapshots(
  before: CourseSnapshot | null,
  after: CourseSnapshot,
): VersionChanges {
  const lessons = diffById(before?.lessons ?? [], after.lessons);
  const questions = diffById(before?.questions ?? [], after.questions);
  return {
    lessonsAdded: lessons.added,
    lessonsRemoved: lessons.removed,
    lessonsEdited: lessons.edited,
    questionsAdded: questions.added,
    questionsRemoved: questions.removed,
    questionsEdited: questions.edited,
    detailsChanged:
      !before ||
      lessons.reordered ||
      questions.reordered ||
      JSON.stringify(before.course) !== JSON.stringify(after.course) ||
      JSON.stringify(before.quiz) !== JSON.stringify(after.quiz),
  };
}

export function hasChanges(changes: VersionChanges): boolean {
  return (
    changes.detailsChanged ||
    changes.lessonsAdded + changes.lessonsRemoved + changes.lessonsEdited > 0 ||
    changes.questionsAdded + changes.questionsRemoved + changes.questionsEdited > 0
  );
}
