import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { ActionFailure } from "~/lib/errors";
import { getLucia } from "~/lib/auth.server";
import { parseForm, runAction } from "~/lib/http.server";
import { resourceResponse } from "~/lib/resource.server";
import { clientInfo } from "~/lib/request.server";
import { getCurrentSession } from "~/lib/session.server";
import { reauthSchema } from "~/modules/account";
import { reauthenticate } from "~/modules/account/index.server";

export async function loader() {
  return Response.json({ messageKey: "errors.notFound" }, { status: 404 });
}

/** "Confirm it's you" (ReauthPrompt posts here): a password or a second-factor code. */
export async function action({ request, context }: ActionFunctionArgs) {
  // A resource route: its refusals keep their status (resourceResponse) for plain posts too.
  return resourceResponse(context, () => confirmIdentity(request, context));
}

async function confirmIdentity(request: Request, context: ActionFunctionArgs["context"]) {
  const current = await getCurrentSession(request);
  if (!current) {
    return data<ActionFailure & { signedOut: true }>(
      { ok: false, formError: "reauth.signedOut", fieldErrors: {}, signedOut: true },
      { status: 401 },
    );
  }
  return runAction(async () => {
    const input = await parseForm(request, reauthSchema);
    const result = await reauthenticate(current.session, input, {
      client: clientInfo(request, context),
    });
    if (result.ok) return data({ ok: true as const });
    if (result.signedOut) {
      return data<ActionFailure & { signedOut: true }>(
        { ok: false, formError: "reauth.signedOut", fieldErrors: {}, signedOut: true },
        {
          status: 401,
          headers: { "Set-Cookie": getLucia().createBlankSessionCookie().serialize() },
        },
      );
    }
    const field = input.code ? "code" : "password";
    return data<ActionFailure>(
      { ok: false, formError: "reauth.wrong", fieldErrors: { [field]: "reauth.wrong" } },
      { status: 400 },
    );
  });
}
