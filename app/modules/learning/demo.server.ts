import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import type { CourseSnapshot } from "~/modules/courses/snapshot";
import { getPlayer, markLessonDone } from "./enrolments.server";
import { startAttempt, submitAttempt } from "./quiz.server";
import { applyAllRules, createRule } from "./rules.server";
import { parseRuleFields } from "./schemas";

const DAY = 24 * 3600 * 1000;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Answers an attempt: every question right, or all but the first `wrong` ones. */
async function answer(
  userId: string,
  courseId: string,
  attemptId: string,
  wrong: number,
  at: Date,
) {
  const attempt = await getDb().quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { questions: true, enrolment: { select: { version: { select: { snapshot: true } } } } },
  });
  const snapshot = JSON.parse(attempt.enrolment.version.snapshot) as CourseSnapshot;
  const drawn = JSON.parse(attempt.questions) as { id: string }[];
  const answers = Object.fromEntries(
    drawn.map((slot, index) => {
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
  return submitAttempt(userId, courseId, attemptId, answers, at);
}

/** Works through a course as a learner would, up to `lessons` lessons and optionally the quiz. */
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
    await answer(userId, courseId, attemptId, quiz.wrong, new Date(at.getTime() + 5 * 60_000));
  }
}

const rule = parseRuleFields;

/**
 * Assignment rules for the demo courses and a realistic spread of progress: completions
 * with quiz scores, work in progress, overdue people and one expired certificate.
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
  const department = async (code: string) =>
    (await db.department.findUniqueOrThrow({ where: { code } })).id;

  // A data-backup completion from 13 months ago has expired: renewal is due (and overdue).
  const lapsed = await db.user.findFirst({
    where: { department: { code: "CMP" } },
    orderBy: { email: "asc" },
  });
  await createRule(hr, rule(backup, { recurrenceMonths: "12", dueDays: "60" }), daysAgo(now, 420));
  if (lapsed) await learn(lapsed.id, backup, 99, { wrong: 0 }, daysAgo(now, 400));
  // Most staff took it within the last year; every fifth person has not yet (overdue).
  const staff = await db.user.findMany({
    where: { active: true, id: { not: lapsed?.id } },
    orderBy: { email: "asc" },
    select: { id: true },
  });
  for (const [index, person] of staff.entries()) {
    if (index % 5 !== 4)
      await learn(
        person.id,
        backup,
        99,
        { wrong: index % 3 === 0 ? 1 : 0 },
        daysAgo(now, 60 + ((index * 7) % 250)),
      );
  }

  await createRule(
    hr,
    rule(complaints, {
      targetType: "DEPARTMENT",
      departmentId: await department("CS"),
      dueDays: "30",
    }),
    daysAgo(now, 40),
  );
  await createRule(
    hr,
    rule(response, {
      targetType: "DEPARTMENT",
      departmentId: await department("CS"),
      dueDays: "21",
    }),
    daysAgo(now, 10),
  );
  await createRule(hr, rule(crm, { dueDays: "45" }), daysAgo(now, 20));
  await createRule(
    hr,
    rule(feedback, {
      targetType: "DEPARTMENT",
      departmentId: await department("SALES"),
      dueDays: "30",
    }),
    daysAgo(now, 5),
  );
  await createRule(
    hr,
    rule(rpa, {
      newHiresOnly: "on",
      hiredAfter: daysAgo(now, 90).toISOString().slice(0, 10),
      dueDays: "14",
    }),
    daysAgo(now, 90),
  );

  // Customer Service works through the complaint course: a third done, a third under way.
  const cs = await db.user.findMany({
    where: {
      department: { code: { in: ["CS", "CC", "CMP"] } },
      email: { notIn: ["employee@uptake.test", "manager@uptake.test"] },
    },
    orderBy: { email: "asc" },
    select: { id: true },
  });
  for (const [index, person] of cs.entries()) {
    const at = daysAgo(now, 30 - (index % 20));
    if (index % 3 === 0) await learn(person.id, complaints, 99, { wrong: index % 2 }, at);
    else if (index % 3 === 1) await learn(person.id, complaints, 2, null, at);
    if (index % 4 === 0) await learn(person.id, crm, 99, { wrong: 0 }, daysAgo(now, 3));
  }
  // The demo employee has started the complaint course.
  const employee = await db.user.findUnique({ where: { email: "employee@uptake.test" } });
  if (employee) await learn(employee.id, complaints, 1, null, daysAgo(now, 2));
  await applyAllRules(now);
  return true;
}
