// Re-authentication: the person at the keyboard confirms it is them before a sensitive action.
import { getDb } from "~/lib/db.server";
import { countReauthFailure, endSession, markReauthenticated } from "~/lib/sessions.server";
import { NotFoundError, TooManyRequestsError } from "~/lib/errors";
import { verifyPassword } from "~/lib/password.server";
import { type Context, MAX_REAUTH_FAILURES, verifySecondFactor } from "./two-factor-codes.server";

// ---------------------------------------------------------------- re-authentication

/**
 * Confirms the person at the keyboard (password, or a second-factor code) and stamps the
 * session; sensitive actions accept it for 10 minutes. Wrong answers count on the session:
 * after five it is ended (a stolen session cannot be used to guess the password).
 */
export async function reauthenticate(
  session: { id: string; userId: string },
  input: { password?: string; code?: string },
  ctx: Context = {},
): Promise<{ ok: true } | { ok: false; signedOut: boolean }> {
  const now = ctx.now ?? new Date();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { passwordHash: true },
  });
  if (!user) throw new NotFoundError();
  let ok = false;
  if (input.code) {
    try {
      await verifySecondFactor(session.userId, input.code, ctx);
      ok = true;
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw error;
    }
  } else if (input.password) {
    ok = Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash!, input.password));
  }
  if (!ok) {
    if ((await countReauthFailure(session.id)) >= MAX_REAUTH_FAILURES) {
      await endSession(session.id);
      return { ok: false, signedOut: true };
    }
    return { ok: false, signedOut: false };
  }
  await markReauthenticated(session.id, now);
  return { ok: true };
}
