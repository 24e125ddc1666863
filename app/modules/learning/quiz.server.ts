import { getDb, isUniqueViolation, type DbTx } from "~/lib/db.server";
import { raise } from "~/lib/domain-events.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { randomKey, readCourseSnapshot } from "~/modules/courses/index.server";
import {
  gradeQuestion,
  percentScore,
  type Answer,
  type CourseSnapshot,
  type SnapshotQuestion,
} from "~/modules/courses";
import {
  readDrawnQuestions,
  readQuestionResults,
  readSubmittedAnswers,
  type DrawnQuestion,
} from "./attempt-columns.server";
import { completeIfDone } from "./completion.server";
import { openKeyOf } from "./open-enrolment.server";
import { ensureStarted } from "./player.server";
import { refreshStatsForEnrolments } from "./progress-stats.server";

/** Network slack after the deadline before a submission counts as late. */
export const DEADLINE_GRACE_MS = 15_000;

// The ids the learner's page shows for a drawn question and its options (see DrawnQuestion).
const shownIdOf = (drawn: DrawnQuestion) => drawn.key ?? drawn.id;
const shownOptionIdsOf = (drawn: DrawnQuestion) => drawn.optionKeys ?? drawn.optionIds;

/** Maps an attempt's option ids to the keys its browser sees, and back. */
function optionMaps(drawn: DrawnQuestion) {
  const keys = shownOptionIdsOf(drawn);
  return {
    toKey: new Map(drawn.optionIds.map((id, i) => [id, keys[i]!])),
    toId: new Map(keys.map((key, i) => [key, drawn.optionIds[i]!])),
  };
}

/**
 * Answers as the browser sent them (keyed by the attempt's opaque ids) in bank ids. An id
 * the attempt never showed is tampering.
 */
function answersFromKeys(drawn: DrawnQuestion[], answers: Record<string, Answer>) {
  const byKey = new Map(drawn.map((d) => [shownIdOf(d), d]));
  return Object.fromEntries(
    Object.entries(answers).map(([key, answer]) => {
      const slot = byKey.get(key);
      if (!slot) throw tampered();
      const { toId } = optionMaps(slot);
      const optionIds = answer.optionIds?.map((optionKey) => {
        const id = toId.get(optionKey);
        if (id === undefined) throw tampered();
        return id;
      });
      return [slot.id, optionIds ? { ...answer, optionIds } : answer];
    }),
  );
}

function tampered() {
  return new ValidationError({ answers: "learning.quiz.tampered" }, "learning.quiz.tampered");
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The questions of an attempt, drawn at random and with options shuffled as set. */
export function drawAttempt(snapshot: CourseSnapshot): DrawnQuestion[] {
  const { drawCount, shuffleOptions } = snapshot.quiz;
  const pool =
    drawCount > 0 ? shuffled(snapshot.questions).slice(0, drawCount) : shuffled(snapshot.questions);
  return pool.map((question) => {
    const optionIds = (
      shuffleOptions && question.type !== "TRUE_FALSE"
        ? shuffled(question.options)
        : question.options
    ).map((option) => option.id);
    return { id: question.id, optionIds, key: randomKey(), optionKeys: optionIds.map(randomKey) };
  });
}

async function openEnrolmentFor(tx: DbTx, userId: string, courseId: string) {
  const course = await tx.course.findUnique({ where: { id: courseId }, select: { id: true } });
  if (!course) throw new NotFoundError();
  const enrolment = await tx.enrolment.findUnique({
    where: { openKey: openKeyOf(userId, courseId) },
  });
  if (!enrolment) {
    const completed = await tx.enrolment.findFirst({
      where: { userId, courseId, status: "COMPLETED" },
      select: { id: true },
    });
    if (completed) throw new ConflictError("learning.quiz.alreadyCompleted");
    throw new ForbiddenError("learning.notEnrolled");
  }
  return enrolment;
}

/**
 * Starts a quiz attempt (or returns the one already open). The server draws the questions
 * and keeps them; the browser only ever gets question text and options.
 */
export async function startAttempt(userId: string, courseId: string, now = new Date()) {
  const run = () =>
    getDb().$transaction(async (tx) => {
      const enrolment = await openEnrolmentFor(tx, userId, courseId);
      const versionId = await ensureStarted(tx, enrolment, now);
      const version = await tx.courseVersion.findUniqueOrThrow({
        where: { id: versionId },
        select: { snapshot: true },
      });
      const snapshot = readCourseSnapshot(version.snapshot);
      if (snapshot.questions.length === 0) throw new NotFoundError();
      const attempts = await tx.quizAttempt.findMany({
        where: { enrolmentId: enrolment.id },
        orderBy: { number: "asc" },
        select: { id: true, number: true, submittedAt: true, deadlineAt: true, passed: true },
      });
      const open = attempts.find((a) => !a.submittedAt);
      if (open) {
        if (!open.deadlineAt || open.deadlineAt.getTime() + DEADLINE_GRACE_MS >= now.getTime())
          return open.id;
        await closeLate(tx, open.id, now);
      }
      const used = attempts.filter((a) => a.submittedAt || a.id === open?.id).length;
      if (attempts.some((a) => a.passed)) throw new ConflictError("learning.quiz.alreadyPassed");
      if (snapshot.quiz.attemptsAllowed !== null && used >= snapshot.quiz.attemptsAllowed) {
        throw new ConflictError("learning.quiz.noAttemptsLeft");
      }
      const attempt = await tx.quizAttempt.create({
        data: {
          enrolmentId: enrolment.id,
          number: (attempts.at(-1)?.number ?? 0) + 1,
          questions: drawAttempt(snapshot),
          startedAt: now,
          deadlineAt: snapshot.quiz.timeLimitMinutes
            ? new Date(now.getTime() + snapshot.quiz.timeLimitMinutes * 60_000)
            : null,
        },
      });
      return attempt.id;
    });
  try {
    return await run();
  } catch (error) {
    // Two tabs starting at once: the (enrolment, number) key keeps one; return that one.
    if (isUniqueViolation(error)) return run();
    throw error;
  }
}

/** An attempt past its deadline is closed with no answers: score 0 (see decision 007). */
async function closeLate(tx: DbTx, attemptId: string, now: Date) {
  await tx.quizAttempt.updateMany({
    where: { id: attemptId, submittedAt: null },
    data: { submittedAt: now, answers: {}, results: [], score: 0, passed: false },
  });
}

async function attemptOf(tx: DbTx, userId: string, attemptId: string) {
  const attempt = await tx.quizAttempt.findUnique({
    where: { id: attemptId },
    include: {
      enrolment: {
        select: {
          id: true,
          userId: true,
          courseId: true,
          version: { select: { snapshot: true, number: true } },
        },
      },
    },
  });
  // Someone else's attempt is as unknown as a missing one.
  if (!attempt || attempt.enrolment.userId !== userId) throw new NotFoundError();
  return attempt;
}

/** The attempt as the learner may see it: before submission, no answers of any kind. */
export async function getAttempt(
  userId: string,
  courseId: string,
  attemptId: string,
  now = new Date(),
) {
  const db = getDb();
  const attempt = await attemptOf(db, userId, attemptId);
  if (attempt.enrolment.courseId !== courseId) throw new NotFoundError();
  const snapshot = readCourseSnapshot(attempt.enrolment.version.snapshot);
  const byId = new Map(snapshot.questions.map((q) => [q.id, q]));
  const drawn = readDrawnQuestions(attempt.questions);
  const late =
    !!attempt.deadlineAt &&
    !attempt.submittedAt &&
    attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS < now.getTime();
  if (late) {
    await db.$transaction((tx) => closeLate(tx, attempt.id, now));
    return getAttempt(userId, courseId, attemptId, now);
  }
  // The browser sees the attempt's opaque keys only, for questions and options alike.
  const questions = drawn.map((d) => {
    const question = byId.get(d.id)!;
    const optionText = new Map(question.options.map((o) => [o.id, o.text]));
    const keys = shownOptionIdsOf(d);
    return {
      id: shownIdOf(d),
      type: question.type,
      prompt: question.prompt,
      options: d.optionIds.map((id, i) => ({ id: keys[i]!, text: optionText.get(id) ?? "" })),
    };
  });
  const base = {
    id: attempt.id,
    number: attempt.number,
    courseTitle: snapshot.course.title,
    passMark: snapshot.quiz.passMark,
    deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
    questions,
  };
  if (!attempt.submittedAt) return { ...base, submitted: false as const };
  const results = readQuestionResults(attempt.results ?? []);
  const answers = readSubmittedAnswers(attempt.answers ?? {});
  return {
    ...base,
    submitted: true as const,
    score: attempt.score ?? 0,
    passed: attempt.passed ?? false,
    review: drawn.map((d) => {
      const question = byId.get(d.id)!;
      const { toKey } = optionMaps(d);
      const answer = answers[question.id] ?? {};
      const keysOf = (ids: string[]) => ids.map((id) => toKey.get(id) ?? "");
      return {
        id: shownIdOf(d),
        score: results.find((r) => r.id === question.id)?.score ?? 0,
        answer: answer.optionIds ? { ...answer, optionIds: keysOf(answer.optionIds) } : answer,
        correctOptionIds: keysOf(question.options.filter((o) => o.correct).map((o) => o.id)),
        acceptedAnswers: question.acceptedAnswers,
        explanation: question.explanation,
      };
    }),
  };
}

/** Refuses answers that do not belong to the attempt's questions (tampering). */
function checkAnswers(
  drawn: DrawnQuestion[],
  questions: Map<string, SnapshotQuestion>,
  answers: Record<string, Answer>,
) {
  const drawnById = new Map(drawn.map((d) => [d.id, d]));
  for (const [questionId, answer] of Object.entries(answers)) {
    const slot = drawnById.get(questionId);
    const question = questions.get(questionId);
    if (!slot || !question) throw tampered();
    if (question.type === "SHORT" ? answer.optionIds !== undefined : answer.text !== undefined) {
      throw tampered();
    }
    if ((answer.optionIds ?? []).some((id) => !slot.optionIds.includes(id))) {
      throw tampered();
    }
    if (question.type !== "MULTIPLE" && (answer.optionIds?.length ?? 0) > 1) {
      throw tampered();
    }
  }
}

/**
 * Grades and records an attempt once. A second submission of the same attempt (double
 * click, another tab, a replay) changes nothing and gets the first result back. Answers
 * name bank ids; what a browser sends goes through submitBrowserAnswers.
 */
export async function submitAttempt(
  userId: string,
  courseId: string,
  attemptId: string,
  answers: Record<string, Answer>,
  now = new Date(),
) {
  return recordAttempt(userId, courseId, attemptId, answers, now, false);
}

/** Submits answers keyed by the opaque ids the attempt's page showed. */
export async function submitBrowserAnswers(
  userId: string,
  courseId: string,
  attemptId: string,
  answers: Record<string, Answer>,
  now = new Date(),
) {
  return recordAttempt(userId, courseId, attemptId, answers, now, true);
}

async function recordAttempt(
  userId: string,
  courseId: string,
  attemptId: string,
  sent: Record<string, Answer>,
  now: Date,
  byKeys: boolean,
) {
  return getDb().$transaction(async (tx) => {
    const attempt = await attemptOf(tx, userId, attemptId);
    if (attempt.enrolment.courseId !== courseId) throw new NotFoundError();
    if (attempt.submittedAt) return { alreadySubmitted: true, timeUp: false };
    const snapshot = readCourseSnapshot(attempt.enrolment.version.snapshot);
    const questions = new Map(snapshot.questions.map((q) => [q.id, q]));
    const drawn = readDrawnQuestions(attempt.questions);
    const answers = byKeys ? answersFromKeys(drawn, sent) : sent;
    checkAnswers(drawn, questions, answers);
    if (attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS) {
      // Late: the answers are refused and the attempt closes with 0 (inside this transaction).
      await closeLate(tx, attempt.id, now);
      return { alreadySubmitted: false, timeUp: true, score: 0, passed: false, completed: false };
    }
    const results = drawn.map((d) => ({
      id: d.id,
      score: gradeQuestion(questions.get(d.id)!, answers[d.id]),
    }));
    const score = percentScore(results.map((r) => r.score));
    const passed = score >= snapshot.quiz.passMark;
    const { count } = await tx.quizAttempt.updateMany({
      where: { id: attempt.id, submittedAt: null },
      data: {
        submittedAt: now,
        answers,
        results,
        score,
        passed,
      },
    });
    if (count === 0) return { alreadySubmitted: true, timeUp: false };
    // The person's first attempt at this course's quiz, across enrolments: enrolling again
    // after a failed attempt does not make the next one a first.
    const earlierAttempts = await tx.quizAttempt.count({
      where: {
        id: { not: attempt.id },
        submittedAt: { not: null },
        enrolment: { userId, courseId },
      },
    });
    await raise(tx, "quiz.graded", {
      userId,
      courseId,
      enrolmentId: attempt.enrolment.id,
      attemptId: attempt.id,
      firstAttempt: earlierAttempts === 0,
      score,
      passed,
      at: now,
    });
    const enrolment = await tx.enrolment.findUniqueOrThrow({
      where: { id: attempt.enrolment.id },
      select: { bestScore: true },
    });
    if (enrolment.bestScore === null || score > enrolment.bestScore) {
      await tx.enrolment.update({
        where: { id: attempt.enrolment.id },
        data: { bestScore: score },
      });
      await refreshStatsForEnrolments(tx, [attempt.enrolment.id]);
    }
    const completed = await completeIfDone(tx, attempt.enrolment.id, now);
    return { alreadySubmitted: false, timeUp: false, score, passed, completed };
  });
}
