import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { backupHealth, backUpNow, listBackups } from "~/modules/backups/index.server";
import { BackupsPage, backupListSchema, backupNowSchema } from "~/modules/backups";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "Backup");
  const { page } = parseQuery(request, backupListSchema);
  const [list, health] = await Promise.all([listBackups(page), backupHealth()]);
  return { ...list, health };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Backup");
  return formAction(request, backupNowSchema, () => backUpNow(user.id));
}

export default function BackupsRoute() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return <BackupsPage summary={data} backups={data.backups} health={data.health} answer={answer} />;
}
