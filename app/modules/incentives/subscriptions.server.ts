// What earns points, hung off the owners' domain events (decision 031). Installed once per
// process by app/subscribers.server.ts.
import { subscribe } from "~/lib/domain-events.server";
import { awardRule } from "./awards.server";

export function installIncentiveSubscribers(): void {
  // Sources are per course, not per enrolment: withdrawing and enrolling again, or a
  // recertification, does not earn the same course's points twice.
  subscribe("course.completed", async (tx, event) => {
    await awardRule(tx, "COURSE_COMPLETED", {
      userId: event.userId,
      sourceId: event.courseId,
      at: event.at,
    });
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
    }
  });
  // An anonymous idea earns nothing: a ledger entry would name its author to HR (decision 031).
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
  });
}
