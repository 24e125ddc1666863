import { Alert, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseForm, parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { can, ROLES } from "~/lib/permissions";
import { clientInfo } from "~/lib/request.server";
import { requireUserWith } from "~/lib/session.server";
import { isFailure } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import { ReauthGuard } from "~/modules/account";
import { resetUserTwoFactor } from "~/modules/account/index.server";
import { UserForm, userActiveSchema, userUpdateSchema } from "~/modules/org";
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

const intentSchema = z.object({ intent: z.enum(["save", "setActive", "resetTwoFactor"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "update", "User");
  return runAction(async () => {
    const { userId } = parseWith(paramsSchema, params);
    const fields = await readFormFields(request.clone());
    const { intent } = parseWith(intentSchema, fields);
    if (intent === "setActive") {
      const { active } = parseWith(userActiveSchema, fields);
      await setUserActive(actor, userId, active);
      return data({ ok: true as const, intent });
    }
    if (intent === "resetTwoFactor") {
      await resetUserTwoFactor(actor, userId, clientInfo(request, context));
      return data({ ok: true as const, intent });
    }
    await updateUser(actor, userId, await parseForm(request, userUpdateSchema));
    return data({ ok: true as const, intent });
  });
}

export default function EditUserPage() {
  const { t } = useTranslation();
  const { user, departments, canEdit, assignableRoles, isSelf, actorTwoFactor } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = actionData && !isFailure(actionData) && actionData.intent === "save";
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
        {saved && (
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
        {canEdit && !isSelf && (
          <Card withBorder maw={720}>
            <Text fw={600} mb="xs">
              {user.active ? t("org.user.deactivateTitle") : t("org.user.reactivateTitle")}
            </Text>
            <Text size="sm" c="dimmed" mb="sm">
              {user.active ? t("org.user.deactivateHelp") : t("org.user.reactivateHelp")}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="setActive" />
              <input type="hidden" name="active" value={user.active ? "false" : "true"} />
              <Group>
                <Button type="submit" color={user.active ? "red" : "teal"} variant="light">
                  {user.active ? t("org.user.deactivate") : t("org.user.reactivate")}
                </Button>
              </Group>
            </Form>
          </Card>
        )}
        {canEdit && !isSelf && user.twoFactor?.enabledAt && (
          <Card withBorder maw={720} data-testid="two-factor-reset">
            <Text fw={600} mb="xs">
              {t("twoFactor.admin.title")}
            </Text>
            <Text size="sm" c="dimmed" mb="sm">
              {t("twoFactor.admin.help")}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="resetTwoFactor" />
              <Button type="submit" color="red" variant="light">
                {t("twoFactor.admin.reset")}
              </Button>
            </Form>
          </Card>
        )}
        {actionData && !isFailure(actionData) && actionData.intent === "resetTwoFactor" && (
          <Alert color="teal" role="status" maw={720}>
            {t("twoFactor.admin.done")}
          </Alert>
        )}
      </Stack>
    </ReauthGuard>
  );
}
