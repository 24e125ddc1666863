import { Alert, Badge, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { can, ROLES } from "~/lib/permissions";
import { clientInfo } from "~/lib/request.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { ReauthGuard } from "~/modules/account";
import { resetUserTwoFactor } from "~/modules/account/index.server";
import {
  TwoFactorResetCard,
  UserActiveCard,
  UserForm,
  userActiveSchema,
  userUpdateSchema,
} from "~/modules/org";
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

export default function EditUserPage() {
  const { t } = useTranslation();
  const { user, departments, canEdit, assignableRoles, isSelf, actorTwoFactor } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = actionData?.ok ? actionData.intent : undefined;
  return (
    <ReauthGuard actionData={actionData} twoFactor={actorTwoFactor}>
      <Stack>
        <PageHeader
          title={user.name}
          actions={
            <Badge color={user.active ? "teal" : "gray"} size="lg" variant="light">
              {user.active ? t("org.users.active") : t("org.users.inactive")}
            </Badge>
          }
        />
        {params.get("created") && !actionData && (
          <Alert color="teal" role="status">
            {t("org.user.created")}
          </Alert>
        )}
        {done === "save" && (
          <Alert color="teal" role="status">
            {t("org.user.saved")}
          </Alert>
        )}
        {user.mustChangePassword && (
          <Text size="sm" c="dimmed">
            {t("org.user.mustChangePasswordNote")}
          </Text>
        )}
        {canEdit ? (
          <UserForm
            key={JSON.stringify(user)}
            mode="edit"
            departments={departments}
            roles={isSelf ? [user.role as (typeof ROLES)[number]] : assignableRoles}
            actionData={actionData}
            defaultValues={{
              name: user.name,
              email: user.email,
              role: user.role as "EMPLOYEE",
              departmentId: user.departmentId ?? "",
              jobTitle: user.jobTitle,
              hireDate: user.hireDate ? new Date(user.hireDate).toISOString().slice(0, 10) : "",
              preferredLanguage: (user.preferredLanguage ?? "") as "",
              managedDepartmentIds: user.managedDepartments.map((m) => m.departmentId).join(","),
              temporaryPassword: "",
            }}
          />
        ) : (
          <>
            <Text>{user.email}</Text>
            {/* Only administrators edit administrators: say so instead of a missing form. */}
            <Alert color="blue" role="note" maw={720} data-testid="admin-record-note">
              {t("ui.adminRecord")}
            </Alert>
          </>
        )}
        {canEdit && !isSelf && <UserActiveCard active={user.active} />}
        {canEdit && !isSelf && user.twoFactor?.enabledAt && <TwoFactorResetCard />}
        {done === "resetTwoFactor" && (
          <Alert color="teal" role="status" maw={720}>
            {t("twoFactor.admin.done")}
          </Alert>
        )}
      </Stack>
    </ReauthGuard>
  );
}
