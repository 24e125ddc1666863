import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseQuery } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { departmentOptions, listUsers } from "~/modules/org/index.server";
import { UsersPage, userListQuerySchema } from "~/modules/org";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "User");
  const query = parseQuery(request, userListQuerySchema);
  const [result, departments] = await Promise.all([listUsers(query), departmentOptions()]);
  return {
    ...result,
    departments,
    canCreate: can(user, "create", "User"),
    canSetPolicy: can(user, "update", "SecurityPolicy"),
  };
}

export default function UsersRoute() {
  const data = useLoaderData<typeof loader>();
  return (
    <UsersPage
      summary={data}
      users={data.users}
      departments={data.departments}
      canCreate={data.canCreate}
      canSetPolicy={data.canSetPolicy}
    />
  );
}
