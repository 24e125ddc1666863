// The demo's change programme (issue 15, item 6): the customer-satisfaction initiative,
// started four months before today, with its three phases, the demo's required courses, two
// closed pulses and one open, and answers that give each department a barrier of its own and
// improve from pulse to pulse. Made through the module's own functions, as HR would.
import { addDays, DAY_MS } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import { isRole, type Principal } from "~/lib/permissions";
import { reachedDepartments } from "./access.server";
import { ADKAR_ELEMENTS, type AdkarElement } from "./adkar";
import { submitAnswer } from "./answers.server";
import { createInitiative, setTargets } from "./initiatives.server";
import { answerSchema, pulseCreateSchema } from "./pulse-schemas";
import { closePulse, createPulse, openPulse } from "./pulses.server";
import { addRequiredCourse } from "./required-courses.server";

const TARGET_CODES = ["CS", "SALES", "OPS", "IT"] as const;
const REQUIRED_COURSES = [
  "Complaint handling: the new five-step process",
  "Response-time standards",
  "The new CRM system",
];

/** Each department's weak element (its barrier in the first pulse). */
const WEAK: Record<string, AdkarElement> = {
  CC: "knowledge",
  CMP: "desire",
  SALES: "awareness",
  OPS: "ability",
  IT: "reinforcement",
  CS: "knowledge",
};

/** Respondents per department in each pulse (the staff: CS 4, CC 15, CMP 7, SALES 9, OPS 8, IT 7). */
const TURNOUT: Record<string, number>[] = [
  { CS: 3, CC: 13, CMP: 6, SALES: 7, OPS: 6, IT: 4 },
  { CS: 3, CC: 14, CMP: 6, SALES: 8, OPS: 4, IT: 7 },
  { CS: 0, CC: 10, CMP: 5, SALES: 6, OPS: 5, IT: 5 },
];

/** Spread around a department's mean; sums to 0 over each run of eight. */
const SPREAD = [0, 1, -1, 0, 1, -1, 0, 0];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const startOfUtcDay = (date: Date) => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

/** One person's answer to pulse `round` (0, 1, 2): weak elements start low and rise. */
function answerOf(code: string, round: number, person: number): Record<string, string> {
  const weak = WEAK[code] ?? "reinforcement";
  const values = Object.fromEntries(
    ADKAR_ELEMENTS.map((element, index) => {
      const base = element === weak ? 2.3 : 3.7 + (index % 2) * 0.2;
      const mean = base + round * (element === weak ? 0.6 : 0.2);
      const spread = SPREAD[(person + index * 3) % SPREAD.length]!;
      return [element, String(Math.max(1, Math.min(5, Math.round(mean + spread))))];
    }),
  );
  const comment =
    person % 4 === 0
      ? [
          "More time to practise the new CRM before go-live, please.",
          "The five-step process is clearer than the old one.",
          "希望有更多关于新流程的实例讲解。",
          "Team huddles about the change help a lot.",
        ][(person / 4 + round) % 4]!
      : "";
  return { ...values, comment };
}

/** Seeds the programme once (when there are no initiatives yet). */
export async function seedDemoInitiatives(now = new Date()): Promise<boolean> {
  const db = getDb();
  if ((await db.initiative.count()) > 0) return false;
  const hrUser = await db.user.findUnique({ where: { email: "hr@uptake.test" } });
  if (!hrUser || !isRole(hrUser.role)) return false;
  const hr: Principal = { id: hrUser.id, role: hrUser.role, scopeDepartmentIds: [] };
  const departments = await db.department.findMany({ select: { id: true, code: true } });
  const idOf = new Map(departments.map((d) => [d.code, d.id]));
  const codeOf = new Map(departments.map((d) => [d.id, d.code ?? ""]));
  const targets = TARGET_CODES.flatMap((code) => {
    const id = idOf.get(code);
    return id ? [{ departmentId: id, includeSubDepartments: true }] : [];
  });
  if (targets.length === 0) return false;

  const today = startOfUtcDay(now);
  const start = new Date(today);
  start.setUTCMonth(start.getUTCMonth() - 4);
  const initiative = await createInitiative(hr, {
    name: "Customer satisfaction programme",
    goal:
      "Raise customer satisfaction over nine months by re-engineering our customer-facing " +
      "processes: complaint handling, response times and the new CRM.",
    ownerId: hr.id,
    status: "ACTIVE",
    startDate: start,
  });
  await setTargets(hr, initiative.id, { revision: initiative.revision, targets });
  const courses = await db.course.findMany({
    where: { title: { in: REQUIRED_COURSES }, status: "PUBLISHED" },
    select: { id: true },
  });
  for (const course of courses) {
    await addRequiredCourse(hr, initiative.id, { courseId: course.id, dueDate: null });
  }
  const phases = await db.initiativePhase.findMany({
    where: { initiativeId: initiative.id },
    orderBy: { position: "asc" },
  });

  // Who is asked: the active staff of the reached departments (demo accounts included).
  const reached = (await reachedDepartments([initiative.id])).get(initiative.id) ?? [];
  const people = await db.user.findMany({
    where: { active: true, departmentId: { in: reached } },
    orderBy: { email: "asc" },
    select: { id: true, role: true, email: true, departmentId: true },
  });

  const pulses = [
    { title: "Pulse 1: before the rollout", phase: 0, opens: addDays(start, 40), days: 14 },
    {
      title: "Pulse 2: start of the rollout",
      phase: 1,
      opens: addDays(phases[1]!.startsOn, 3),
      days: 14,
    },
    { title: "Pulse 3: rollout check", phase: 1, opens: addDays(today, -5), days: 14 },
  ];
  for (const [round, plan] of pulses.entries()) {
    const closes = addDays(plan.opens, plan.days);
    const { intent: _intent, ...input } = pulseCreateSchema.parse({
      intent: "create",
      title: plan.title,
      phaseId: phases[plan.phase]?.id ?? "",
      opensOn: isoDay(plan.opens),
      closesOn: isoDay(closes),
      createKey: `demo-pulse-${round + 1}`,
    });
    const pulse = await createPulse(hr, initiative.id, input);
    const last = round === pulses.length - 1;
    const during = addDays(plan.opens, 1);
    if (last) {
      // Opened as HR would: everyone asked is told.
      await openPulse(hr, pulse.id, now);
    } else {
      // Pulses of the past were announced at the time; no notice of them now.
      await db.pulse.update({
        where: { id: pulse.id },
        data: { status: "OPEN", openedAt: plan.opens },
      });
    }
    // How many answered in each department. Small groups stay under the floor on purpose:
    // Customer Service's own few and, once each, IT and Operations, so that the report shows
    // hidden rows; the open pulse is under way (the demo employee has not answered yet, so
    // Home asks them to).
    const turnout = TURNOUT[round]!;
    const answeredIn = new Map<string, number>();
    for (const [index, person] of people.entries()) {
      if (!isRole(person.role)) continue;
      if (last && person.email === "employee@uptake.test") continue;
      const code = codeOf.get(person.departmentId ?? "") ?? "";
      const sofar = answeredIn.get(code) ?? 0;
      if (sofar >= (turnout[code] ?? 0)) continue;
      answeredIn.set(code, sofar + 1);
      const respondent = {
        id: person.id,
        role: person.role,
        scopeDepartmentIds: [],
        departmentId: person.departmentId,
      };
      const answer = answerSchema.parse(answerOf(code, round, index));
      await submitAnswer(respondent, pulse.id, answer, last ? now : during);
    }
    if (!last) await closePulse(hr, pulse.id, addDays(closes, 1));
  }
  return true;
}
