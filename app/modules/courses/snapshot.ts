import type { Category, QuestionOption, QuestionType } from "./schemas";

/** The frozen content of a published version; the learning side reads only this. */
export interface CourseSnapshot {
  course: {
    title: string;
    summary: string;
    category: Category;
    estimatedMinutes: number;
    tags: string[];
    coverColor: string;
    coverIcon: string;
  };
  quiz: {
    passMark: number;
    attemptsAllowed: number | null;
    timeLimitMinutes: number | null;
    drawCount: number;
    shuffleOptions: boolean;
  };
  lessons: SnapshotLesson[];
  questions: SnapshotQuestion[];
}

export interface SnapshotLesson {
  id: string;
  title: string;
  body: string;
  videoUrl: string;
  attachmentUrl: string;
}

export interface SnapshotQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  explanation: string;
  partialCredit: boolean;
  options: QuestionOption[];
  acceptedAnswers: string[];
}

export interface VersionChanges {
  lessonsAdded: number;
  lessonsRemoved: number;
  lessonsEdited: number;
  questionsAdded: number;
  questionsRemoved: number;
  questionsEdited: number;
  /** Course fields, quiz settings or the order of lessons/questions changed. */
  detailsChanged: boolean;
}

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
