// What earns points and badges, hung off the owners' domain events (decisions 031 and 032).
// Installed once per process by app/subscribers.server.ts. Every award here is once per
// source or per badge by a unique key, so an event raised twice awards nothing the second time.
import { subscribe } from "~/lib/domain-events.server";
import { completedCourseCount } from "~/modules/learning/index.server";
import { awardRule } from "./awards.server";
import { BADGE_THRESHOLDS } from "./badges";
import { awardBadge } from "./badges.server";

export function installIncentiveSubscribers(): void {
  // Sources are per course, not per enrolment: withdrawing and enrolling again, or a
  // recertification, does not earn the same course's points twice.
  subscribe("course.completed", async (tx, event) => {
    await awardRule(tx, "COURSE_COMPLETED", {
      userId: event.userId,
      sourceId: event.courseId,
      at: event.at,
    });
    await awardBadge(
      tx,
      "FIVE_COURSES",
      event.userId,
      event.at,
      async () =>
        (await completedCourseCount(tx, event.userId)) >= BADGE_THRESHOLDS.coursesCompleted,
    );
  });
  // Raised by the initiatives module (it knows the initiatives; incentives never imports it).
  subscribe("initiative.courses_completed", async (tx, event) => {
    await awardBadge(tx, "INITIATIVE_COURSES", event.userId, event.at);
  });
  subscribe("quiz.graded", async (tx, event) => {
    if (event.passed && event.firstAttempt) {
      await awardRule(tx, "QUIZ_FIRST_ATTEMPT", {
        userId: event.userId,
        sourceId: event.courseId,
        at: event.at,
      });
    }
    if (event.score === 100) {
      await awardRule(tx, "QUIZ_PERFECT", {
        userId: event.userId,
        sourceId: event.courseId,
        at: event.at,
      });
      await awardBadge(tx, "PERFECT_QUIZ", event.userId, event.at);
    }
  });
  // An anonymous idea earns nothing: a ledger entry would name its author (decision 031).
  subscribe("idea.submitted", async (tx, event) => {
    if (event.anonymous) return;
    await awardRule(tx, "IDEA_SUBMITTED", {
      userId: event.authorId,
      sourceId: event.ideaId,
      at: event.at,
    });
  });
  subscribe("idea.status_changed", async (tx, event) => {
    if (event.anonymous) return;
    const rule =
      event.to === "ACCEPTED"
        ? "IDEA_ACCEPTED"
        : event.to === "IMPLEMENTED"
          ? "IDEA_IMPLEMENTED"
          : null;
    if (!rule) return;
    await awardRule(tx, rule, {
      userId: event.authorId,
      sourceId: event.ideaId,
      at: event.at,
      actorId: event.actorId,
    });
    if (rule === "IDEA_IMPLEMENTED") {
      await awardBadge(tx, "FIRST_IDEA_IMPLEMENTED", event.authorId, event.at);
    }
  });
  // The receiver's rule points for a kudos (the giver's points are the kudos part's own
  // entry); then the badges. The Kudos row is in this transaction already, so it is counted.
  // The KUDOS_RECEIVED bonus is the kudos' own (sendKudos: none for a thank-you without
  // points, decision 033); the event brings the badges.
  subscribe("kudos.sent", async (tx, event) => {
    await awardBadge(tx, "FIRST_KUDOS_RECEIVED", event.toId, event.at);
    await awardBadge(
      tx,
      "TEN_KUDOS_GIVEN",
      event.fromId,
      event.at,
      async () =>
        (await tx.kudos.count({ where: { fromId: event.fromId } })) >= BADGE_THRESHOLDS.kudosGiven,
    );
  });
  // Once per person per pulse: a change of the answer earns nothing more. The entry says that
  // the person answered, never what (decision 039).
  subscribe("pulse.answered", async (tx, event) => {
    if (!event.firstAnswer) return;
    await awardRule(tx, "PULSE_ANSWERED", {
      userId: event.userId,
      sourceId: event.pulseId,
      at: event.at,
    });
  });
}
