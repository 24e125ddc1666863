import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { assertRendersInTime } from "~/lib/markdown.server";
import type { Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { readAcceptedAnswers, readQuestionOptions } from "./columns.server";
import { buildSnapshot, editableCourse, getVersionSnapshot, touch } from "./courses.server";
import type { LessonInput, QuestionInput } from "./schemas";
import { compareSnapshots, hasChanges } from "./snapshot";

// Lessons and questions of a course's working copy, and publishing it as a version.

type Kind = "lesson" | "question";

async function nextPosition(tx: DbTx, kind: Kind, courseId: string) {
  const last =
    kind === "lesson"
      ? await tx.lesson.findFirst({
          where: { courseId },
          orderBy: { position: "desc" },
          select: { position: true },
        })
      : await tx.question.findFirst({
          where: { courseId },
          orderBy: { position: "desc" },
          select: { position: true },
        });
  return (last?.position ?? 0) + 1;
}

export async function addLesson(actor: Principal, courseId: string, input: LessonInput) {
  assertRendersInTime({ body: input.body });
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const lesson = await tx.lesson.create({
      data: { ...input, courseId, position: await nextPosition(tx, "lesson", courseId) },
    });
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "lesson.create",
      subjectType: "Lesson",
      subjectId: lesson.id,
      after: { courseId, title: input.title },
    });
    return lesson;
  });
}

async function lessonOf(tx: DbTx, courseId: string, lessonId: string) {
  const lesson = await tx.lesson.findFirst({ where: { id: lessonId, courseId } });
  if (!lesson) throw new NotFoundError();
  return lesson;
}

/** Saves a lesson only if nobody saved it since the editor opened it (revision check). */
export async function updateLesson(
  actor: Principal,
  courseId: string,
  lessonId: string,
  input: LessonInput & { revision: number },
) {
  assertRendersInTime({ body: input.body });
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const before = await lessonOf(tx, courseId, lessonId);
    const { revision, ...fields } = input;
    const { count } = await tx.lesson.updateMany({
      where: { id: lessonId, revision },
      data: { ...fields, revision: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("courses.changedSinceOpened");
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "lesson.update",
      subjectType: "Lesson",
      subjectId: lessonId,
      before: { title: before.title, bodyLength: before.body.length },
      after: { title: fields.title, bodyLength: fields.body.length },
    });
  });
}

export async function deleteLesson(actor: Principal, courseId: string, lessonId: string) {
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const lesson = await lessonOf(tx, courseId, lessonId);
    await tx.lesson.delete({ where: { id: lessonId } });
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "lesson.delete",
      subjectType: "Lesson",
      subjectId: lessonId,
      before: { courseId, title: lesson.title },
    });
  });
}

/** Swaps an item with its neighbour; positions stay unique and gap-free enough to order. */
export async function moveItem(
  actor: Principal,
  courseId: string,
  kind: Kind,
  itemId: string,
  direction: "up" | "down",
) {
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const items =
      kind === "lesson"
        ? await tx.lesson.findMany({
            where: { courseId },
            orderBy: { position: "asc" },
            select: { id: true },
          })
        : await tx.question.findMany({
            where: { courseId },
            orderBy: { position: "asc" },
            select: { id: true },
          });
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) throw new NotFoundError();
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= items.length) return;
    const order = items.map((item) => item.id);
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, id] of order.entries()) {
      if (kind === "lesson")
        await tx.lesson.update({ where: { id }, data: { position: position + 1 } });
      else await tx.question.update({ where: { id }, data: { position: position + 1 } });
    }
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: `${kind}.move`,
      subjectType: kind === "lesson" ? "Lesson" : "Question",
      subjectId: itemId,
      after: { direction, position: target + 1 },
    });
  });
}

/** True/false questions always have the two fixed options "true" and "false". */
function trueFalseOptions(input: QuestionInput) {
  const correct = input.options.filter((option) => option.correct).map((option) => option.id);
  if (correct.length !== 1 || (correct[0] !== "true" && correct[0] !== "false")) {
    throw new ValidationError({ options: "courses.question.exactlyOneCorrect" });
  }
  return [
    { id: "true", text: "True", correct: correct[0] === "true" },
    { id: "false", text: "False", correct: correct[0] === "false" },
  ];
}

function questionColumns(input: QuestionInput) {
  const options =
    input.type === "SHORT"
      ? []
      : input.type === "TRUE_FALSE"
        ? trueFalseOptions(input)
        : input.options.map(({ id, text, correct }) => ({ id, text, correct }));
  return {
    type: input.type,
    prompt: input.prompt,
    explanation: input.explanation,
    partialCredit: input.type === "MULTIPLE" && input.partialCredit,
    options,
    acceptedAnswers:
      input.type === "SHORT" ? input.acceptedAnswers.map((a) => a.value).filter(Boolean) : [],
  };
}

function assertUniqueOptionIds(input: QuestionInput) {
  const ids = input.options.map((option) => option.id);
  if (new Set(ids).size !== ids.length)
    throw new ValidationError({ options: "courses.question.duplicateOptions" });
}

export async function addQuestion(actor: Principal, courseId: string, input: QuestionInput) {
  assertUniqueOptionIds(input);
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const question = await tx.question.create({
      data: {
        ...questionColumns(input),
        courseId,
        position: await nextPosition(tx, "question", courseId),
      },
    });
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "question.create",
      subjectType: "Question",
      subjectId: question.id,
      after: { courseId, type: input.type, prompt: input.prompt },
    });
    return question;
  });
}

export async function updateQuestion(
  actor: Principal,
  courseId: string,
  questionId: string,
  input: QuestionInput & { revision: number },
) {
  assertUniqueOptionIds(input);
  return getDb().$transaction(async (tx) => {
    await editableCourse(tx, actor, courseId);
    const before = await tx.question.findFirst({ where: { id: questionId, courseId } });
    if (!before) throw new NotFoundError();
    const { count } = await tx.question.updateMany({
      where: { id: questionId, revision: input.revision },
      data: { ...questionColumns(input), revision: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("courses.changedSinceOpened");
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "question.update",
      subjectType: "Question",
      subjectId: questionId,
      before: { prompt: before.prompt },
      after: { type: input.type, prompt: input.prompt },
    });
  });
}

export async function deleteQuestion(actor: Principal, courseId: string, questionId: string) {
  return getDb().$transaction(async (tx) => {
    const course = await editableCourse(tx, actor, courseId);
    const question = await tx.question.findFirst({ where: { id: questionId, courseId } });
    if (!question) throw new NotFoundError();
    await tx.question.delete({ where: { id: questionId } });
    // Keep the draw count valid when the bank shrinks below it.
    const bank = await tx.question.count({ where: { courseId } });
    const drawCount = Math.min(course.drawCount, bank);
    if (drawCount !== course.drawCount) {
      await tx.course.update({
        where: { id: courseId },
        data: { drawCount, quizRevision: { increment: 1 } },
      });
    }
    await touch(tx, courseId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "question.delete",
      subjectType: "Question",
      subjectId: questionId,
      before: { courseId, prompt: question.prompt, drawCount: course.drawCount },
      after: { drawCount },
    });
  });
}

export async function getLessonForEdit(courseId: string, lessonId: string) {
  return lessonOf(getDb(), courseId, lessonId);
}

export async function getQuestionForEdit(courseId: string, questionId: string) {
  const question = await getDb().question.findFirst({ where: { id: questionId, courseId } });
  if (!question) throw new NotFoundError();
  return {
    ...question,
    options: readQuestionOptions(question.options),
    acceptedAnswers: readAcceptedAnswers(question.acceptedAnswers),
  };
}

/**
 * Freezes the working copy as version N+1. Refused without lessons, or when the quiz
 * would draw more questions than its bank holds, or when nothing changed since version N.
 */
export async function publishCourse(actor: Principal, courseId: string) {
  try {
    return await getDb().$transaction(async (tx) => {
      const course = await editableCourse(tx, actor, courseId);
      const snapshot = await buildSnapshot(tx, courseId);
      if (snapshot.lessons.length === 0) throw new ConflictError("courses.publish.noLessons");
      if (snapshot.quiz.drawCount > snapshot.questions.length)
        throw new ConflictError("courses.publish.drawMoreThanBank");
      const previous =
        course.latestVersion > 0
          ? await getVersionSnapshot(courseId, course.latestVersion, tx)
          : null;
      const changes = compareSnapshots(previous, snapshot);
      if (previous && !hasChanges(changes))
        throw new ConflictError("courses.publish.nothingChanged");
      const number = course.latestVersion + 1;
      // The unique (courseId, number) key makes a double publish create one version.
      const version = await tx.courseVersion.create({
        data: {
          courseId,
          number,
          snapshot,
          changes,
          publishedById: actor.id,
          lessonCount: snapshot.lessons.length,
        },
      });
      await tx.course.update({
        where: { id: courseId },
        data: { status: "PUBLISHED", latestVersion: number },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "course.publish",
        subjectType: "Course",
        subjectId: courseId,
        before: { status: course.status, version: course.latestVersion },
        after: { status: "PUBLISHED", version: number, changes },
      });
      return version;
    });
  } catch (error) {
    // Two publishes at once: the unique (courseId, number) key lets one win.
    if (isUniqueViolation(error)) {
      throw new ConflictError("courses.publish.nothingChanged");
    }
    throw error;
  }
}
