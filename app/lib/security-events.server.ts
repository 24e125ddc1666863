import { AsyncLocalStorage } from "node:async_hooks";
import { getDb, type DbTx } from "./db.server";
import { getEnv } from "./env.server";
import { toJsonColumn } from "./json-column.server";
import { logger } from "./logger.server";
import { clientInfo, type ClientInfo } from "./request.server";
import { DAY_MS } from "./dates";

/**
 * Security events go to the audit log (`AuditEvent`, action "security.<type>") with the
 * source address and user agent. They live in lib, not in the audit module, because the
 * permission guard in lib (requirePermission) records refusals and lib imports no module;
 * modules and routes call it directly. The audit module reads these rows with the others.
 */
export type SecurityEventType =
  | "signIn"
  | "signInFailed"
  | "signInThrottled"
  | "signOut"
  | "forbidden"
  | "export"
  | "passwordChanged"
  // Second-factor changes and use (enrol, disable, recovery codes, recovery code used, ...).
  | `twoFactor.${string}`;

export const SECURITY_ACTION_PREFIX = "security.";

export interface SecurityEvent {
  type: SecurityEventType;
  /** Who did it (null when unknown, e.g. a failed sign-in for an unknown e-mail). */
  actorId: string | null;
  client: ClientInfo;
  /** What it was about; defaults to the actor. */
  subjectType?: string;
  subjectId?: string;
  /** Small JSON details (never a password, token or code). */
  details?: Record<string, unknown>;
  at?: Date;
}

/** Writes one security event; pass the transaction when it belongs with a change. */
export async function recordSecurityEvent(event: SecurityEvent, tx: DbTx = getDb()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: `${SECURITY_ACTION_PREFIX}${event.type}`,
      subjectType: event.subjectType ?? "User",
      subjectId: event.subjectId ?? event.actorId ?? "",
      after: toJsonColumn(event.details),
      ipAddress: event.client.ipAddress.slice(0, 64),
      userAgent: event.client.userAgent.slice(0, 300),
      ...(event.at ? { createdAt: event.at } : {}),
    },
  });
}

/** A CSV export of personal data: who, which export, with which filters, from where. */
export async function recordExport(
  request: Request,
  actor: { id: string },
  subjectType: string,
  subjectId: string,
): Promise<void> {
  const url = new URL(request.url);
  await recordSecurityEvent({
    type: "export",
    actorId: actor.id,
    subjectType,
    subjectId,
    details: { path: url.pathname.slice(0, 200), query: url.search.slice(0, 500) },
    client: clientInfo(request),
  });
}

// Writes started where the caller cannot wait (the synchronous permission guard).
const pending = new Set<Promise<void>>();

/**
 * Records without making the caller wait (the event, or a function that works it out); a
 * failed write is logged, never thrown.
 */
export function recordSecurityEventLater(
  event: SecurityEvent | (() => Promise<SecurityEvent>),
): void {
  const write = (typeof event === "function" ? event() : Promise.resolve(event))
    .then((resolved) => recordSecurityEvent(resolved))
    .catch((error: unknown) => {
      logger.error({ err: error }, "security event not recorded");
    })
    .finally(() => pending.delete(write));
  pending.add(write);
}

/**
 * The request being served, for refusals raised where only an error is at hand (a module's
 * ForbiddenError mapped to 403 by errorResponse). getCurrentSession enters it synchronously,
 * so the rest of the loader or action (and its error mapping) runs inside it.
 */
interface RequestScope {
  request: Request;
  actorId: () => Promise<string | null>;
}
const requestScope = new AsyncLocalStorage<RequestScope>();

export function enterRequestScope(scope: RequestScope): void {
  requestScope.enterWith(scope);
}

/** A 403 from a module's ForbiddenError, recorded for the request in scope (if any). */
export function recordRefusalInScope(messageKey: string): void {
  const scope = requestScope.getStore();
  if (!scope) return;
  const { request } = scope;
  recordSecurityEventLater(async () => ({
    type: "forbidden",
    actorId: await scope.actorId(),
    subjectType: "Request",
    subjectId: new URL(request.url).pathname.slice(0, 200),
    details: { reason: messageKey, method: request.method },
    client: clientInfo(request),
  }));
}

/** Resolves when every write started by recordSecurityEventLater has finished (tests). */
export async function securityEventsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** Deletes security events past AUDIT_SECURITY_RETENTION_DAYS; data changes are kept. */
export async function pruneSecurityEvents(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().AUDIT_SECURITY_RETENTION_DAYS * DAY_MS);
  const { count } = await getDb().auditEvent.deleteMany({
    where: { action: { startsWith: SECURITY_ACTION_PREFIX }, createdAt: { lt: cutoff } },
  });
  return count;
}
