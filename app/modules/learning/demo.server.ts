import { DAY_MS, MINUTE_MS } from "~/lib/dates";
import { getDb, type Prisma } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { gradeQuestion, percentScore, type Answer, type CourseSnapshot } from "~/modules/courses";
import { readCourseSnapshot } from "~/modules/courses/index.server";
import { readDrawnQuestions } from "./attempt-columns.server";
import { completeEnrolments, type Completion } from "./completion.server";
import { openKeyOf } from "./open-enrolment.server";
import { getPlayer, markLessonDone } from "./player.server";
import { refreshStatsForEnrolments } from "./progress-stats.server";
import { drawAttempt, startAttempt, submitAttempt } from "./quiz.server";
import { applyAllRules } from "./rule-application.server";
import { createRule } from "./rule-authoring.server";
import { parseRuleFields } from "./schemas";

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Demo answers: every drawn question right, or all but the first `wrong` ones. */
function demoAnswers(snapshot: CourseSnapshot, drawn: { id: string }[], wrong: number) {
  return Object.fromEntries(
    drawn.map((slot, index): [string, Answer] => {
      const question = snapshot.questions.find((q) => q.id === slot.id)!;
      if (index < wrong)
        return [slot.id, question.type === "SHORT" ? { text: "not sure" } : { optionIds: [] }];
      return [
        slot.id,
        question.type === "SHORT"
          ? { text: question.acceptedAnswers[0] ?? "" }
          : { optionIds: question.options.filter((o) => o.correct).map((o) => o.id) },
      ];
    }),
  );
}

/** Works through a course as a learner would, through the player's own functions. */
async function learn(
  userId: string,
  courseId: string,
  lessons: number,
  quiz: { wrong: number } | null,
  at: Date,
) {
  const player = await getPlayer(userId, courseId);
  for (const lesson of player.lessons.slice(0, lessons))
    await markLessonDone(userId, courseId, lesson.id, at);
  if (quiz && player.quiz) {
    const attemptId = await startAttempt(userId, courseId, at);
    const attempt = await getDb().quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: {
        questions: true,
        enrolment: { select: { version: { select: { snapshot: true } } } },
      },
    });
    const snapshot = readCourseSnapshot(attempt.enrolment.version.snapshot);
    const drawn = readDrawnQuestions(attempt.questions);
    const answers = demoAnswers(snapshot, drawn, quiz.wrong);
    await submitAttempt(
      userId,
      courseId,
      attemptId,
      answers,
      new Date(at.getTime() + 5 * MINUTE_MS),
    );
  }
}

interface Learning {
  userId: string;
  courseId: string;
  lessons: number;
  quiz: { wrong: number } | null;
  at: Date;
}

/** A first attempt at the quiz, graded; finished five minutes after it started `at`. */
function demoAttempt(enrolmentId: string, content: CourseSnapshot, at: Date, wrong: number) {
  const drawn = drawAttempt(content);
  const answers = demoAnswers(content, drawn, wrong);
  const questions = new Map(content.questions.map((q) => [q.id, q]));
  const results = drawn.map((d) => ({
    id: d.id,
    score: gradeQuestion(questions.get(d.id)!, answers[d.id]),
  }));
  const score = percentScore(results.map((r) => r.score));
  const passed = score >= content.quiz.passMark;
  const finishedAt = new Date(at.getTime() + 5 * MINUTE_MS);
  const row: Prisma.QuizAttemptCreateManyInput = {
    enrolmentId,
    number: 1,
    questions: drawn,
    startedAt: at,
    deadlineAt: content.quiz.timeLimitMinutes
      ? new Date(at.getTime() + content.quiz.timeLimitMinutes * 60_000)
      : null,
    submittedAt: finishedAt,
    answers,
    results,
    score,
    passed,
  };
  return { row, score, passed, finishedAt };
}

/** The latest version of each planned course, with its content. */
async function latestVersions(plans: Learning[]) {
  const courses = await getDb().course.findMany({
    where: { id: { in: [...new Set(plans.map((p) => p.courseId))] } },
    select: {
      id: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, snapshot: true },
      },
    },
  });
  return new Map(
    courses.map((c) => [
      c.id,
      { ...c.versions[0]!, content: readCourseSnapshot(c.versions[0]!.snapshot) },
    ]),
  );
}

/**
 * The rest of the staff's progress in one transaction: the rows the player's functions
 * write (lessons done, a graded attempt, the completion and its certificate, the report
 * counters) without a transaction per step, which made the seed take seconds. Only
 * enrolments not yet started; they start on the newest version, as in ensureStarted.
 */
async function learnInBulk(plans: Learning[]) {
  const db = getDb();
  const latest = await latestVersions(plans);
  const open = await db.enrolment.findMany({
    where: {
      openKey: { in: plans.map((p) => openKeyOf(p.userId, p.courseId)) },
      status: "NOT_STARTED",
    },
    select: { id: true, userId: true, openKey: true, recurrenceMonths: true },
  });
  const byKey = new Map(open.map((e) => [e.openKey, e]));
  await db.$transaction(
    async (tx) => {
      const lessonRows: Prisma.LessonProgressCreateManyInput[] = [];
      const attemptRows: Prisma.QuizAttemptCreateManyInput[] = [];
      const completions: Completion[] = [];
      const started: string[] = [];
      for (const plan of plans) {
        const enrolment = byKey.get(openKeyOf(plan.userId, plan.courseId));
        const version = latest.get(plan.courseId);
        if (!enrolment || !version) continue;
        const { content } = version;
        const lessons = content.lessons.slice(0, plan.lessons);
        lessonRows.push(
          ...lessons.map((l) => ({
            enrolmentId: enrolment.id,
            lessonId: l.id,
            completedAt: plan.at,
          })),
        );
        const attempt =
          plan.quiz && content.questions.length > 0
            ? demoAttempt(enrolment.id, content, plan.at, plan.quiz.wrong)
            : null;
        if (attempt) attemptRows.push(attempt.row);
        await tx.enrolment.update({
          where: { id: enrolment.id },
          data: {
            status: "IN_PROGRESS",
            startedAt: plan.at,
            versionId: version.id,
            bestScore: attempt?.score ?? null,
          },
        });
        const passed = attempt ? attempt.passed : content.questions.length === 0;
        if (lessons.length === content.lessons.length && passed) {
          completions.push({
            enrolment: { ...enrolment, status: "IN_PROGRESS" },
            certificate: { courseTitle: content.course.title, versionNumber: version.number },
            at: attempt?.finishedAt ?? plan.at,
          });
        } else started.push(enrolment.id);
      }
      await tx.lessonProgress.createMany({ data: lessonRows });
      await tx.quizAttempt.createMany({ data: attemptRows });
      await completeEnrolments(tx, completions);
      await refreshStatsForEnrolments(tx, started);
    },
    { timeout: 30_000 },
  );
}

const rule = parseRuleFields;

type DemoAccount = { id: string } | null;

/**
 * The backup course was piloted 14 months ago: the pilot's certificate has expired and the
 * renewal is due (and overdue). Then everyone, due in 60 days (290 days ago): most on
 * time, one in six late, every fifth person not yet (overdue). The earliest certificates
 * expire within the month. Returns the staff's progress to write in bulk.
 */
async function seedBackupCourse(
  hr: Principal,
  backup: string,
  now: Date,
  demoAccounts: DemoAccount[],
): Promise<Learning[]> {
  const db = getDb();
  const lapsed = await db.user.findFirst({
    where: { department: { code: "CMP" } },
    orderBy: { email: "asc" },
  });
  if (lapsed) {
    await createRule(
      hr,
      rule(backup, { targetType: "PEOPLE", userIds: lapsed.id, recurrenceMonths: "12" }),
      daysAgo(now, 420),
    );
    await learn(lapsed.id, backup, 99, { wrong: 0 }, daysAgo(now, 400));
  }
  await createRule(hr, rule(backup, { recurrenceMonths: "12", dueDays: "60" }), daysAgo(now, 350));
  const staff = await db.user.findMany({
    where: {
      active: true,
      id: { notIn: [lapsed, ...demoAccounts].flatMap((u) => u?.id ?? []) },
    },
    orderBy: { email: "asc" },
    select: { id: true },
  });
  return staff.flatMap((person, index): Learning[] => {
    if (index % 5 === 4) return [];
    const daysTaken = index % 6 === 5 ? 65 + ((index * 13) % 120) : 3 + ((index * 7) % 50);
    const quiz = { wrong: index % 3 === 0 ? 1 : 0 };
    return [
      { userId: person.id, courseId: backup, lessons: 99, quiz, at: daysAgo(now, 350 - daysTaken) },
    ];
  });
}

/** The other courses' rules: by department, for everyone, and for new hires. */
async function seedCourseRules(
  hr: Principal,
  courses: { complaints: string; response: string; crm: string; feedback: string; rpa: string },
  now: Date,
) {
  const department = async (code: string) =>
    (await getDb().department.findUniqueOrThrow({ where: { code } })).id;
  const cs = await department("CS");
  const inDepartment = (departmentId: string, dueDays: string) => ({
    targetType: "DEPARTMENT",
    departmentId,
    dueDays,
  });
  await createRule(hr, rule(courses.complaints, inDepartment(cs, "30")), daysAgo(now, 40));
  await createRule(hr, rule(courses.response, inDepartment(cs, "21")), daysAgo(now, 10));
  await createRule(hr, rule(courses.crm, { dueDays: "45" }), daysAgo(now, 20));
  await createRule(
    hr,
    rule(courses.feedback, inDepartment(await department("SALES"), "30")),
    daysAgo(now, 5),
  );
  await createRule(
    hr,
    rule(courses.rpa, {
      newHiresOnly: "on",
      hiredAfter: daysAgo(now, 90).toISOString().slice(0, 10),
      dueDays: "14",
    }),
    daysAgo(now, 90),
  );
}

/**
 * Customer Service works through the complaint course (due 10 days ago). The Call Centre and
 * Customer Service's own staff have finished all three of the programme's courses (the
 * effect table's "finished training" group); Complaints is behind.
 */
async function customerServicePlans(
  courses: { complaints: string; response: string; crm: string },
  now: Date,
) {
  const cs = await getDb().user.findMany({
    where: {
      department: { code: { in: ["CS", "CC", "CMP"] } },
      email: { notIn: ["employee@uptake.test", "manager@uptake.test"] },
    },
    orderBy: { email: "asc" },
    select: { id: true, department: { select: { code: true } } },
  });
  const plans: Learning[] = [];
  for (const [index, person] of cs.entries()) {
    const at = index % 5 === 0 ? daysAgo(now, 6) : daysAgo(now, 30 - (index % 20));
    const learning = { userId: person.id, courseId: courses.complaints, at };
    const done = (courseId: string, at: Date) =>
      plans.push({ userId: person.id, courseId, lessons: 99, quiz: { wrong: 0 }, at });
    if (person.department?.code !== "CMP") {
      plans.push({ ...learning, lessons: 99, quiz: { wrong: 0 } });
      done(courses.response, daysAgo(now, 4 + (index % 5)));
      done(courses.crm, daysAgo(now, 3));
      continue;
    }
    // Complaints: two in three have done all three courses (a few fail the complaint quiz
    // first time); the rest are under way.
    if (index % 3 !== 1) {
      plans.push({ ...learning, lessons: 99, quiz: { wrong: index % 2 } });
      done(courses.crm, daysAgo(now, 3));
      done(courses.response, daysAgo(now, 5));
    } else {
      plans.push({ ...learning, lessons: 2, quiz: null });
      plans.push({ userId: person.id, courseId: courses.response, lessons: 1, quiz: null, at });
    }
  }
  return plans;
}

/**
 * Assignment rules for the demo courses and a realistic spread of progress: most people
 * finish on time, some late, some are overdue; completions with quiz scores, work in
 * progress, one expired certificate; the demo employee and HR hold certificates.
 */
export async function seedDemoLearning(hr: Principal, now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.assignmentRule.count()) > 0) return false;
  const courses = await db.course.findMany({
    where: { status: "PUBLISHED" },
    select: { id: true, coverIcon: true },
  });
  const byIcon = (icon: string) => courses.find((c) => c.coverIcon === icon)?.id;
  const [complaints, response, crm, feedback, backup, rpa] = [
    "📞",
    "⏱️",
    "💻",
    "💬",
    "🛡️",
    "🤖",
  ].map(byIcon);
  if (!complaints || !response || !crm || !feedback || !backup || !rpa) return false;
  const account = (email: string) => db.user.findUnique({ where: { email }, select: { id: true } });
  const [employee, hrAccount] = [
    await account("employee@uptake.test"),
    await account("hr@uptake.test"),
  ];
  const bulk = await seedBackupCourse(hr, backup, now, [employee, hrAccount]);
  await seedCourseRules(hr, { complaints, response, crm, feedback, rpa }, now);
  bulk.push(...(await customerServicePlans({ complaints, response, crm }, now)));
  await learnInBulk(bulk);
  // The demo accounts learn through the player: the employee holds the backup certificate
  // and has started the complaint course; HR's backup certificate expires this month.
  if (employee) {
    await learn(employee.id, backup, 99, { wrong: 0 }, daysAgo(now, 300));
    await learn(employee.id, complaints, 1, null, daysAgo(now, 2));
  }
  if (hrAccount) await learn(hrAccount.id, backup, 99, { wrong: 1 }, daysAgo(now, 345));
  await applyAllRules(now);
  return true;
}
