import { Anchor, Badge, Button, Group, NativeSelect, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { can, ROLES } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { departmentOptions, listUsers } from "~/modules/org/index.server";
import { userListQuerySchema } from "~/modules/org";
import { ScrollTable } from "~/lib/ui/scroll-table";

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

export default function UsersPage() {
  const { t } = useTranslation();
  const { users, total, page, pageCount, departments, canCreate, canSetPolicy } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
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
      <Form method="get" role="search">
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput
            name="q"
            label={t("org.users.search")}
            defaultValue={params.get("q") ?? ""}
            placeholder={t("org.users.searchPlaceholder")}
          />
          <NativeSelect
            name="departmentId"
            label={t("fields.department")}
            defaultValue={params.get("departmentId") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              ...departments.map((d) => ({ value: d.id, label: d.label })),
            ]}
          />
          <NativeSelect
            name="role"
            label={t("fields.role")}
            defaultValue={params.get("role") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
            ]}
          />
          <NativeSelect
            name="status"
            label={t("fields.status")}
            defaultValue={params.get("status") ?? "active"}
            data={[
              { value: "active", label: t("org.users.active") },
              { value: "inactive", label: t("org.users.inactive") },
              { value: "all", label: t("common.all") },
            ]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      <Text size="sm" c="dimmed" mb="xs" data-testid="result-count">
        {t("common.resultCount", { count: total })}
      </Text>
      <ScrollTable minWidth={640}>
        <Table striped highlightOnHover data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("fields.name")}</Table.Th>
              <Table.Th>{t("fields.email")}</Table.Th>
              <Table.Th>{t("fields.department")}</Table.Th>
              <Table.Th>{t("fields.role")}</Table.Th>
              <Table.Th>{t("fields.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {users.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.noResults")}
        </Text>
      )}
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
