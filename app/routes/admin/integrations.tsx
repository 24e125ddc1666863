import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { intentAction } from "~/lib/actions.server";
import { parseQuery } from "~/lib/http.server";
import { pageField } from "~/lib/fields";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { ReauthGuard } from "~/modules/account";
import { apiTokenForms, IntegrationsPage, scopesOf } from "~/modules/api";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/api/index.server";
import { z } from "zod";

const listSchema = z.object({ page: pageField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "ApiToken");
  const { page } = parseQuery(request, listSchema);
  return {
    ...(await listApiTokens(user, page)),
    submissionKey: crypto.randomUUID(),
    actorTwoFactor: user.twoFactorEnabled,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "ApiToken");
  return intentAction(
    request,
    apiTokenForms,
    {
      create: async (input) => {
        const created = await createApiToken(user, {
          name: input.name,
          scopes: scopesOf(input),
          expiresOn: input.expiresOn,
          submissionKey: input.submissionKey,
        });
        return { created: { name: created.name, secret: created.secret } };
      },
      revoke: async ({ tokenId }) => {
        await revokeApiToken(user, tokenId);
        return {};
      },
    },
    {
      authorize: (intent) =>
        requirePermission(user, intent === "create" ? "create" : "update", "ApiToken"),
    },
  );
}

export default function IntegrationsRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created =
    actionData && "created" in actionData
      ? (actionData.created as { name: string; secret: string })
      : undefined;
  return (
    <ReauthGuard actionData={actionData} twoFactor={data.actorTwoFactor}>
      <IntegrationsPage
        summary={data}
        tokens={data.tokens}
        submissionKey={data.submissionKey}
        actionData={actionData}
        created={created}
      />
    </ReauthGuard>
  );
}
