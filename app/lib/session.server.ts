import { redirect } from "@remix-run/node";
import {
  getLucia,
  hasRecentAuth,
  validateSessionAt,
  type AppSession,
  type SessionUser,
} from "./auth.server";
import { clientInfo, readCookie, requestIdOf } from "./request.server";
import { enterRequestScope, recordSecurityEventLater } from "./security-events.server";
import { AppError } from "./errors";
import { forbidden } from "./http.server";
import {
  can,
  twoFactorPolicyApplies,
  type Action,
  type Principal,
  type Subject,
  type SubjectRecord,
} from "./permissions";

export interface CurrentUser extends SessionUser, Principal {
  /** When this session last checked a password or second factor (see assertRecentAuth). */
  reauthenticatedAt: Date | null;
}

export interface CurrentSession {
  user: CurrentUser;
  session: AppSession;
  /** Set-Cookie value when Lucia extended the session and the cookie must follow. */
  refreshedCookie: string | null;
  /** The "two-factor required for ADMIN and HR" policy, as the session lookup read it. */
  twoFactorRequired: boolean;
}

// Code that asks twice with one Request shares the lookup.
const perRequest = new WeakMap<Request, Promise<CurrentSession | null>>();
// Remix hands each loader its own copy of the Request, so the root's and the page's loaders,
// which start together, share the lookup by the HTTP request's id while it runs. Only while
// it runs: the loaders after an action (which may sign in or out) look the session up again.
const runningByRequestId = new Map<string, Promise<CurrentSession | null>>();

function lookUpSession(request: Request): Promise<CurrentSession | null> {
  const requestId = requestIdOf(request);
  const running = requestId ? runningByRequestId.get(requestId) : undefined;
  if (running) return running;
  const lookup = resolveSession(request).then((current) => {
    if (current) requestOfUser.set(current.user, request);
    return current;
  });
  if (requestId) {
    runningByRequestId.set(requestId, lookup);
    const done = () => void runningByRequestId.delete(requestId);
    lookup.then(done, done);
  }
  return lookup;
}

export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = lookUpSession(request);
    perRequest.set(request, pending);
  }
  // Synchronous on purpose: the caller's loader or action continues inside this scope.
  const current = pending;
  enterRequestScope({ request, actorId: async () => (await current)?.user.id ?? null });
  return pending;
}

// The request a resolved user came with, so a refusal knows its address and user agent.
const requestOfUser = new WeakMap<CurrentUser, Request>();

async function resolveSession(request: Request): Promise<CurrentSession | null> {
  const lucia = getLucia();
  const sessionId = readCookie(request, lucia.sessionCookieName);
  if (!sessionId) return null;
  const valid = await validateSessionAt(sessionId);
  if (!valid) return null;
  const { session, user, scopeDepartmentIds, twoFactorRequired } = valid;
  if (!user.active) {
    // Deactivation ends every session; this catches any that survived.
    await lucia.invalidateUserSessions(user.id);
    return null;
  }
  return {
    user: {
      ...user,
      scopeDepartmentIds,
      reauthenticatedAt: session.reauthenticatedAt,
    },
    twoFactorRequired,
    session,
    refreshedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  return (await getCurrentSession(request))?.user ?? null;
}

const PASSWORD_CHANGE_PATH = "/settings/password";
export const TWO_FACTOR_SETUP_PATH = "/settings/security";

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await getCurrentSession(request);
  const url = new URL(request.url);
  if (!current) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  // A temporary password set by an admin must be replaced before anything else.
  if (current.user.mustChangePassword && url.pathname !== PASSWORD_CHANGE_PATH) {
    throw redirect(PASSWORD_CHANGE_PATH);
  }
  // Then, under the policy, ADMIN and HR enrol a second factor before anything else.
  if (
    url.pathname !== TWO_FACTOR_SETUP_PATH &&
    !current.user.mustChangePassword &&
    mustEnrolTwoFactor(current)
  ) {
    throw redirect(`${TWO_FACTOR_SETUP_PATH}?required=1`);
  }
  return current.user;
}

function mustEnrolTwoFactor({ user, twoFactorRequired }: CurrentSession): boolean {
  return twoFactorPolicyApplies(user.role) && !user.twoFactorEnabled && twoFactorRequired;
}

/** Thrown (as a 401 form answer) when a sensitive action wants a fresh password check. */
export class RecentAuthRequiredError extends AppError {
  constructor() {
    super(401, "reauth.required");
  }
}

/**
 * For sensitive actions (roles, password resets, new admins, API tokens): the session must
 * have checked a password or second factor within the last 10 minutes, else the action
 * answers 401 "reauth.required" and the page asks for it (ReauthPrompt), then resubmits.
 */
export async function requireRecentAuth(request: Request, now = new Date()): Promise<void> {
  if (!(await hasRecentAuthFor(request, now))) throw new RecentAuthRequiredError();
}

/**
 * The same check inside a module, on the acting principal. Principals from a request
 * (CurrentUser) carry reauthenticatedAt; in-process callers (command line, jobs, tests that
 * build a principal) do not, and run with full rights like the create-admin bootstrap.
 */
export function assertRecentAuth(
  actor: (Principal & { reauthenticatedAt?: Date | null }) | null,
  now = new Date(),
): void {
  if (!actor || actor.reauthenticatedAt === undefined) return;
  if (!hasRecentAuth({ reauthenticatedAt: actor.reauthenticatedAt }, now)) {
    throw new RecentAuthRequiredError();
  }
}

export async function hasRecentAuthFor(request: Request, now = new Date()): Promise<boolean> {
  const current = await getCurrentSession(request);
  return Boolean(current && hasRecentAuth(current.session, now));
}

/** Throws the 403 response unless the permission map allows it; refusals are audited. */
export function requirePermission(
  user: CurrentUser,
  action: Action,
  subject: Subject | SubjectRecord,
): void {
  if (can(user, action, subject)) return;
  const request = requestOfUser.get(user);
  const record = typeof subject === "string" ? { type: subject } : subject;
  recordSecurityEventLater({
    type: "forbidden",
    actorId: user.id,
    subjectType: record.type,
    // What was asked for: the page or export, since the permission map's subjects are types.
    subjectId: request ? new URL(request.url).pathname.slice(0, 200) : "",
    details: { action, ...record, method: request?.method },
    client: request ? clientInfo(request) : { ipAddress: "", userAgent: "" },
  });
  throw forbidden();
}

/** The signed-in user, allowed `action` on their own records of `type` (settings, notifications). */
export async function requireOwn(
  request: Request,
  action: Action,
  type: Subject,
): Promise<CurrentUser> {
  const user = await requireUser(request);
  requirePermission(user, action, { type, ownerId: user.id });
  return user;
}

/** requireUser + requirePermission, the usual first line of a loader or action. */
export async function requireUserWith(
  request: Request,
  action: Action,
  subject: Subject | SubjectRecord,
): Promise<CurrentUser> {
  const user = await requireUser(request);
  requirePermission(user, action, subject);
  return user;
}
