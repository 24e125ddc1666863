import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { can, ROLES } from "~/lib/permissions";
import { clientInfo } from "~/lib/request.server";
import { requireUserWith } from "~/lib/session.server";
import { ReauthGuard } from "~/modules/account";
import { resetUserTwoFactor } from "~/modules/account/index.server";
import { EditUserPage, userActiveSchema, userUpdateSchema } from "~/modules/org";
import {
  departmentOptions,
  getUserForEdit,
  setUserActive,
  updateUser,
} from "~/modules/org/index.server";

const paramsSchema = z.object({ userId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWith(request, "read", "User");
  return runLoader(async () => {
    const { userId } = parseWith(paramsSchema, params);
    const [user, departments] = await Promise.all([getUserForEdit(userId), departmentOptions()]);
    return {
      user,
      departments,
      canEdit: can(actor, "update", { type: "User", role: user.role }),
      assignableRoles: ROLES.filter((role) => can(actor, "update", { type: "User", role })),
      isSelf: actor.id === userId,
      actorTwoFactor: actor.twoFactorEnabled,
    };
  });
}

const userForms = z.discriminatedUnion("intent", [
  withIntent("save", userUpdateSchema),
  withIntent("setActive", userActiveSchema),
  z.object({ intent: z.literal("resetTwoFactor") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "update", "User");
  // Inside each handler, so a bad id is refused like bad input (400).
  const userId = () => parseWith(paramsSchema, params).userId;
  return intentAction(request, userForms, {
    save: async (input) => {
      await updateUser(actor, userId(), input);
    },
    setActive: async ({ active }) => {
      await setUserActive(actor, userId(), active);
    },
    resetTwoFactor: async () => {
      await resetUserTwoFactor(actor, userId(), clientInfo(request, context));
    },
  });
}

export default function EditUserRoute() {
  const { user, departments, canEdit, assignableRoles, isSelf, actorTwoFactor } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <ReauthGuard actionData={actionData} twoFactor={actorTwoFactor}>
      <EditUserPage
        user={user}
        departments={departments}
        canEdit={canEdit}
        assignableRoles={assignableRoles}
        isSelf={isSelf}
        justCreated={Boolean(params.get("created")) && !actionData}
        actionData={actionData}
      />
    </ReauthGuard>
  );
}
