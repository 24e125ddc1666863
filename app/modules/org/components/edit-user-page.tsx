import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import type { Role } from "~/lib/permissions";
import { PageHeader } from "~/lib/ui/page";
import { TwoFactorResetCard, UserActiveCard } from "./user-account-cards";
import { UserForm, type DepartmentOption, type UserFormValues } from "./user-form";
import { UserActiveBadge } from "./users-page";

export interface EditableUser {
  name: string;
  email: string;
  role: Role;
  departmentId: string | null;
  jobTitle: string;
  hireDate: Date | string | null;
  active: boolean;
  preferredLanguage: string | null;
  mustChangePassword: boolean;
  managedDepartments: { departmentId: string }[];
  twoFactor: { enabledAt: Date | string | null } | null;
}

function userFormDefaults(user: EditableUser): UserFormValues {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    departmentId: user.departmentId ?? "",
    jobTitle: user.jobTitle,
    hireDate: user.hireDate ? new Date(user.hireDate).toISOString().slice(0, 10) : "",
    preferredLanguage: (user.preferredLanguage ?? "") as "",
    managedDepartmentIds: user.managedDepartments.map((m) => m.departmentId).join(","),
    temporaryPassword: "",
  };
}

function StatusAlert({ message, maw }: { message: string; maw?: number }) {
  return (
    <Alert color="teal" role="status" maw={maw}>
      {message}
    </Alert>
  );
}

/** Only administrators edit administrators: say so instead of a missing form. */
function AdminRecordNote({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text>{email}</Text>
      <Alert color="blue" role="note" maw={720} data-testid="admin-record-note">
        {t("ui.adminRecord")}
      </Alert>
    </>
  );
}

export function EditUserPage({
  user,
  departments,
  canEdit,
  assignableRoles,
  isSelf,
  justCreated,
  actionData,
}: {
  user: EditableUser;
  departments: DepartmentOption[];
  canEdit: boolean;
  assignableRoles: Role[];
  isSelf: boolean;
  /** Arrived from the new-user page (and nothing posted since). */
  justCreated: boolean;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const done = actionData?.ok ? actionData.intent : undefined;
  const manageable = canEdit && !isSelf;
  return (
    <Stack>
      <PageHeader title={user.name} actions={<UserActiveBadge active={user.active} size="lg" />} />
      {justCreated && <StatusAlert message={t("org.user.created")} />}
      {done === "save" && <StatusAlert message={t("org.user.saved")} />}
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
          roles={isSelf ? [user.role] : assignableRoles}
          actionData={actionData}
          defaultValues={userFormDefaults(user)}
        />
      ) : (
        <AdminRecordNote email={user.email} />
      )}
      {manageable && <UserActiveCard active={user.active} />}
      {manageable && user.twoFactor?.enabledAt && <TwoFactorResetCard />}
      {done === "resetTwoFactor" && <StatusAlert message={t("twoFactor.admin.done")} maw={720} />}
    </Stack>
  );
}
