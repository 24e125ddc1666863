import { Anchor, Badge, Button, Group, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { can, ROLES } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { FilterSelect, FilterText, ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { departmentOptions, listUsers } from "~/modules/org/index.server";
import { userListQuerySchema } from "~/modules/org";

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

function UserFilters({ departments }: { departments: { id: string; label: string }[] }) {
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

export default function UsersPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { users, departments, canCreate, canSetPolicy } = data;
  return (
    <>
      <PageHeader
        title={t("org.users.title")}
        actions={
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
        }
      />
      <ListPage
        summary={data}
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
            <Table.Tr key={user.id}>
              <Table.Td>
                <Anchor component={Link} to={`/admin/users/${user.id}`} fw={500}>
                  {user.name}
                </Anchor>
                {user.jobTitle && (
                  <Text size="xs" c="dimmed">
                    {user.jobTitle}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{user.department?.name ?? "—"}</Table.Td>
              <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
              <Table.Td>
                <Badge color={user.active ? "teal" : "gray"} variant="light">
                  {user.active ? t("org.users.active") : t("org.users.inactive")}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
