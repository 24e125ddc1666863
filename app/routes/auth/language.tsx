import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { resourceResponse } from "~/lib/resource.server";
import { languageCookie } from "~/lib/i18n.server";
import { formAction } from "~/lib/actions.server";
import { safeRedirectPath } from "~/lib/http.server";
import { getOptionalUser } from "~/lib/session.server";
import { setPreferredLanguage } from "~/modules/account/index.server";
import { languageSchema } from "~/modules/account";

export async function loader() {
  return redirect("/");
}

/** The header switcher: remembered in a cookie, and as the user's preference when signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  // A resource route: an invalid choice answers 400 (resourceResponse keeps the status).
  return resourceResponse(context, () =>
    formAction(request, languageSchema, async (input) => {
      const user = await getOptionalUser(request);
      if (user) await setPreferredLanguage(user.id, input.language);
      return redirect(safeRedirectPath(input.redirectTo), {
        headers: { "Set-Cookie": await languageCookie.serialize(input.language) },
      });
    }),
  );
}
