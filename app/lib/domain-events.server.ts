// Domain events (decision 031): the module that owns a change raises its event once, inside
// the transaction that makes the change, and whoever cares (points, badges, later webhooks)
// subscribes here instead of the owner calling them. A subscriber runs in the same
// transaction, so an award commits or rolls back with the event that earns it.
import type { DbTx } from "./db.server";

/** Every event, with what it carries. The comment names the module that raises it. */
export interface DomainEvents {
  /** learning: an enrolment became COMPLETED (any path: lessons, quiz, HR, rules). */
  "course.completed": { userId: string; courseId: string; enrolmentId: string; at: Date };
  /** learning: a quiz attempt was graded (an attempt closed late, with 0, raises nothing). */
  "quiz.graded": {
    userId: string;
    courseId: string;
    enrolmentId: string;
    attemptId: string;
    /** The person's first submitted attempt at this course's quiz, in any enrolment. */
    firstAttempt: boolean;
    score: number;
    passed: boolean;
    at: Date;
  };
  /** ideas: an idea was submitted. */
  "idea.submitted": { ideaId: string; authorId: string; anonymous: boolean; at: Date };
  /** ideas: a reviewer moved an idea along the workflow. */
  "idea.status_changed": {
    ideaId: string;
    authorId: string;
    anonymous: boolean;
    from: string;
    to: string;
    actorId: string;
    at: Date;
  };
  /** incentives: a kudos was sent. */
  "kudos.sent": { kudosId: string; fromId: string; toId: string; points: number; at: Date };
  /**
   * initiatives: a person answered a pulse survey (firstAnswer: not a change of an earlier
   * answer). It says who answered, never what (decision 037).
   */
  "pulse.answered": {
    pulseId: string;
    initiativeId: string;
    userId: string;
    firstAnswer: boolean;
    at: Date;
  };
  /**
   * initiatives: a person has now completed every required course of an initiative that
   * reaches their department (raised on each such completion; the badge is awarded once).
   */
  "initiative.courses_completed": { userId: string; initiativeId: string; at: Date };
}

export type DomainEventType = keyof DomainEvents;
type Subscriber<K extends DomainEventType> = (tx: DbTx, event: DomainEvents[K]) => Promise<void>;

const subscribers = new Map<DomainEventType, Subscriber<never>[]>();
let installed = false;

/** Adds a subscriber; called by `installSubscribers` (app/subscribers.server.ts) only. */
export function subscribe<K extends DomainEventType>(type: K, subscriber: Subscriber<K>): void {
  const list = subscribers.get(type) ?? [];
  list.push(subscriber as Subscriber<never>);
  subscribers.set(type, list);
}

/** Marks the subscribers installed: from now on an event reaches them. */
export function markSubscribersInstalled(): void {
  installed = true;
}

export const SUBSCRIBERS_MISSING =
  "A domain event was raised before its subscribers were installed: a process that changes " +
  "data must import ~/subscribers.server first (the server, the jobs, the seed and the tests do).";

/**
 * Raises an event inside the caller's transaction and runs its subscribers there, in order.
 * Refuses when no subscribers were installed: an award silently lost is worse than an error.
 */
export async function raise<K extends DomainEventType>(
  tx: DbTx,
  type: K,
  event: DomainEvents[K],
): Promise<void> {
  if (!installed) throw new Error(SUBSCRIBERS_MISSING);
  for (const subscriber of subscribers.get(type) ?? []) {
    await (subscriber as Subscriber<K>)(tx, event);
  }
}
