import { Button, Group } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "~/lib/permissions";
import {
  FilterSelect,
  FilterText,
  ListPage,
  ListTable,
  type ListSummary,
} from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { DimmedText, PlainBadge, TextLink } from "~/lib/ui/plain";
import type { DepartmentOption } from "./user-form";

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  role: Role;
  active: boolean;
  department: { name: string } | null;
}

export function UserActiveBadge({ active, size }: { active: boolean; size?: "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <PlainBadge color={active ? "teal" : "gray"} size={size}>
      {active ? t("org.users.active") : t("org.users.inactive")}
    </PlainBadge>
  );
}

function UserFilters({ departments }: { departments: DepartmentOption[] }) {
  const { t } = useTranslation();
  return (
    <>
      <FilterText
        name="q"
        label={t("org.users.search")}
        placeholder={t("org.users.searchPlaceholder")}
      />
      <FilterSelect
        name="departmentId"
        label={t("fields.department")}
        options={departments.map((d) => ({ value: d.id, label: d.label }))}
      />
      <FilterSelect
        name="role"
        label={t("fields.role")}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <FilterSelect
        name="status"
        label={t("fields.status")}
        fallback="active"
        options={[
          { value: "active", label: t("org.users.active") },
          { value: "inactive", label: t("org.users.inactive") },
          { value: "all", label: t("common.all") },
        ]}
      />
    </>
  );
}

function UsersPageActions({
  canCreate,
  canSetPolicy,
}: {
  canCreate: boolean;
  canSetPolicy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      {canSetPolicy && (
        <Button component={Link} to="/admin/security" variant="light">
          {t("twoFactor.policy.title")}
        </Button>
      )}
      {canCreate && (
        <Button component={Link} to="/admin/users/new">
          {t("org.user.create")}
        </Button>
      )}
    </Group>
  );
}

const NAME_STYLE = { fontWeight: 500 };

/** One user, as plain cells (PlainTable, decision 030). */
function UserTableRow({ user }: { user: UserListRow }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <TextLink to={`/admin/users/${user.id}`} style={NAME_STYLE}>
          {user.name}
        </TextLink>
        {user.jobTitle && <DimmedText>{user.jobTitle}</DimmedText>}
      </td>
      <td>{user.email}</td>
      <td>{user.department?.name ?? "—"}</td>
      <td>{t(`roles.${user.role}`)}</td>
      <td>
        <UserActiveBadge active={user.active} />
      </td>
    </tr>
  );
}

export function UsersPage({
  summary,
  users,
  departments,
  canCreate,
  canSetPolicy,
}: {
  summary: ListSummary;
  users: UserListRow[];
  departments: DepartmentOption[];
  canCreate: boolean;
  canSetPolicy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t("org.users.title")}
        actions={<UsersPageActions canCreate={canCreate} canSetPolicy={canSetPolicy} />}
      />
      <ListPage
        summary={summary}
        filters={<UserFilters departments={departments} />}
        isEmpty={users.length === 0}
      >
        <ListTable
          minWidth={640}
          striped
          highlightOnHover
          data-testid="users-table"
          columns={[
            t("fields.name"),
            t("fields.email"),
            t("fields.department"),
            t("fields.role"),
            t("fields.status"),
          ]}
        >
          {users.map((user) => (
            <UserTableRow key={user.id} user={user} />
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
