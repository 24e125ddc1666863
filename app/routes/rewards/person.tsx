import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ProfileCardPage } from "~/modules/incentives";
import { profileCard } from "~/modules/incentives/index.server";

// A colleague's profile card: any signed-in person who may see the board; 404 for an unknown
// or deactivated person.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Reward");
  const card = await runLoader(() => profileCard(user, params.userId ?? ""));
  return {
    user: { id: user.id, role: user.role, scopeDepartmentIds: user.scopeDepartmentIds },
    card,
  };
}

export default function RewardsPersonRoute() {
  const { user, card } = useLoaderData<typeof loader>();
  return <ProfileCardPage user={user} card={card} />;
}
