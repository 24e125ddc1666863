import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentSession } from "~/lib/session.server";
import { signOut } from "~/modules/account/login.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentSession(request);
  if (!current) return redirect("/login");
  const cookie = await signOut(current.session.id);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
