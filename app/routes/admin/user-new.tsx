import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { can, ROLES } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { ReauthGuard } from "~/modules/account";
import { UserForm, userCreateSchema } from "~/modules/org";
import { departmentOptions, createUser } from "~/modules/org/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWith(request, "create", "User");
  return {
    departments: await departmentOptions(),
    roles: ROLES.filter((role) => can(actor, "create", { type: "User", role })),
    actorTwoFactor: actor.twoFactorEnabled,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "create", "User");
  return formAction(request, userCreateSchema, async (input) => {
    const created = await createUser(actor, input);
    return redirect(`/admin/users/${created.id}?created=1`);
  });
}

export default function NewUserPage() {
  const { t } = useTranslation();
  const { departments, roles, actorTwoFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ReauthGuard actionData={actionData} twoFactor={actorTwoFactor}>
      <PageHeader title={t("org.user.create")} />
      <UserForm
        mode="create"
        departments={departments}
        roles={roles}
        actionData={actionData}
        defaultValues={{
          name: "",
          email: "",
          role: "EMPLOYEE",
          departmentId: "",
          jobTitle: "",
          hireDate: "",
          preferredLanguage: "",
          managedDepartmentIds: "",
          temporaryPassword: "",
        }}
      />
    </ReauthGuard>
  );
}
