import { redirect } from "@remix-run/node";
import type { Session } from "lucia";
import { getLucia, type SessionUser } from "./auth.server";
import { getDb } from "./db.server";
import { readCookie } from "./request.server";
import { withDescendants } from "./department-tree";
import { forbidden } from "./http.server";
import { can, type Action, type Principal, type Subject, type SubjectRecord } from "./permissions";

export interface CurrentUser extends SessionUser, Principal {}

export interface CurrentSession {
  user: CurrentUser;
  session: Session;
  /** Set-Cookie value when Lucia extended the session and the cookie must follow. */
  refreshedCookie: string | null;
}

// Loaders of one request share the lookup (root + leaf both ask).
const perRequest = new WeakMap<Request, Promise<CurrentSession | null>>();

export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = resolveSession(request);
    perRequest.set(request, pending);
  }
  return pending;
}

async function resolveSession(request: Request): Promise<CurrentSession | null> {
  const lucia = getLucia();
  const sessionId = readCookie(request, lucia.sessionCookieName);
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  if (!user.active) {
    // Deactivation ends every session; this catches any that survived.
    await lucia.invalidateUserSessions(user.id);
    return null;
  }
  const scopeDepartmentIds =
    user.managedDepartmentIds.length === 0
      ? []
      : withDescendants(
          await getDb().department.findMany({ select: { id: true, parentId: true } }),
          user.managedDepartmentIds,
        );
  return {
    user: { ...user, scopeDepartmentIds },
    session,
    refreshedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  return (await getCurrentSession(request))?.user ?? null;
}

const PASSWORD_CHANGE_PATH = "/settings/password";

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
  return current.user;
}

/** Throws the 403 response unless the permission map allows it. */
export function requirePermission(
  user: CurrentUser,
  action: Action,
  subject: Subject | SubjectRecord,
): void {
  if (!can(user, action, subject)) throw forbidden();
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
