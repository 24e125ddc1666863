import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clientInfo } from "~/lib/request.server";
import { getCurrentSession } from "~/lib/session.server";
import { signOut } from "~/modules/account/index.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await getCurrentSession(request);
  if (!current) return redirect("/login");
  const cookie = await signOut(current.session, clientInfo(request, context));
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
