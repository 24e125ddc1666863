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
  /** initiatives: an initiative's phases were renamed, moved, added or removed. */
  "initiative.phases_changed": { initiativeId: string; at: Date };
  /** org: a person was created (the form, the command line or a staff import). */
  "person.created": PersonChange;
  /** org: a person's details changed (the form or a staff import), active or not. */
  "person.updated": PersonChange;
  /** org: a person was deactivated (the form or a staff import). */
  "person.deactivated": PersonChange;
  /** learning: an enrolment was created (self-enrolment, a rule, a renewal, an import). */
  "enrolment.created": {
    enrolmentId: string;
    userId: string;
    courseId: string;
    dueAt: Date | null;
    selfEnrolled: boolean;
    at: Date;
  };
  /** learning: a completion issued its certificate (raised beside course.completed). */
  "certificate.issued": CertificateChange;
  /** learning: a certificate expires within 30 days (once per certificate and expiry date). */
  "certificate.expiring": CertificateChange;
  /** incentives: a redemption request was fulfilled, rejected or cancelled. */
  "redemption.decided": {
    redemptionId: string;
    userId: string;
    rewardId: string;
    cost: number;
    status: "FULFILLED" | "REJECTED" | "CANCELLED";
    decidedById: string;
    at: Date;
  };
  /** initiatives: a pulse survey opened (a person's button or the schedule). */
  "pulse.opened": PulseChange;
  /** initiatives: a pulse survey closed: its answers are final, so is the readiness they give. */
  "pulse.closed": PulseChange;
}

/** A person as integrators see them: never a password hash or a second factor. */
export interface PersonChange {
  userId: string;
  email: string;
  name: string;
  role: string;
  departmentId: string | null;
  jobTitle: string;
  active: boolean;
  at: Date;
}

export interface CertificateChange {
  certificateId: string;
  enrolmentId: string;
  userId: string;
  courseId: string;
  issuedAt: Date;
  expiresAt: Date | null;
  at: Date;
}

export interface PulseChange {
  pulseId: string;
  initiativeId: string;
  opensOn: Date;
  closesOn: Date;
  at: Date;
}

export type DomainEventType = keyof DomainEvents;
type Subscriber<K extends DomainEventType> = (tx: DbTx, event: DomainEvents[K]) => Promise<void>;
/** Takes a whole batch at once (a staff import raises thousands): no statement per event. */
type BatchSubscriber<K extends DomainEventType> = (
  tx: DbTx,
  events: readonly DomainEvents[K][],
) => Promise<void>;
type Registered = { one: Subscriber<never> } | { batch: BatchSubscriber<never> };

const subscribers = new Map<DomainEventType, Registered[]>();
let installed = false;

/** Adds a subscriber; called by `installSubscribers` (app/subscribers.server.ts) only. */
export function subscribe<K extends DomainEventType>(type: K, subscriber: Subscriber<K>): void {
  const list = subscribers.get(type) ?? [];
  list.push({ one: subscriber as Subscriber<never> });
  subscribers.set(type, list);
}

/** Adds a subscriber that takes events in batches (`raiseMany`; `raise` gives it one). */
export function subscribeBatch<K extends DomainEventType>(
  type: K,
  subscriber: BatchSubscriber<K>,
): void {
  const list = subscribers.get(type) ?? [];
  list.push({ batch: subscriber as BatchSubscriber<never> });
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
  await raiseMany(tx, type, [event]);
}

/**
 * Raises many events of one type (a bulk change): a batch subscriber gets them all at once,
 * any other each in turn. Nothing to raise, nothing runs.
 */
export async function raiseMany<K extends DomainEventType>(
  tx: DbTx,
  type: K,
  events: readonly DomainEvents[K][],
): Promise<void> {
  if (!installed) throw new Error(SUBSCRIBERS_MISSING);
  if (events.length === 0) return;
  for (const subscriber of subscribers.get(type) ?? []) {
    if ("batch" in subscriber) {
      await (subscriber.batch as BatchSubscriber<K>)(tx, events);
    } else {
      for (const event of events) await (subscriber.one as Subscriber<K>)(tx, event);
    }
  }
}
