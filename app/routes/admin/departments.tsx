import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseForm, parseWith, readFormFields, runAction } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  createDepartment,
  deleteDepartment,
  flattenTree,
  getDepartmentTree,
  moveDepartment,
  renameDepartment,
} from "~/modules/org/index.server";
import {
  departmentCreateSchema,
  departmentDeleteSchema,
  departmentMoveSchema,
  departmentRenameSchema,
} from "~/modules/org";
import { ScrollTable } from "~/lib/ui/scroll-table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Department");
  const rows = flattenTree(await getDepartmentTree());
  return {
    rows,
    canCreate: can(user, "create", "Department"),
    canEdit: can(user, "update", "Department"),
  };
}

const intentSchema = z.object({ intent: z.enum(["create", "rename", "move", "delete"]) });
const ACTION_FOR_INTENT = {
  create: "create",
  rename: "update",
  move: "update",
  delete: "delete",
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "read", "Department");
  const fields = await readFormFields(request.clone());
  const intent = intentSchema.safeParse(fields).data?.intent;
  return runAction(async () => {
    if (!intent) return parseWith(intentSchema, fields);
    requirePermission(actor, ACTION_FOR_INTENT[intent], "Department");
    switch (intent) {
      case "create": {
        const created = await createDepartment(
          actor.id,
          await parseForm(request, departmentCreateSchema),
        );
        return redirect(`/admin/departments?edit=${created.id}`);
      }
      case "rename":
        await renameDepartment(actor.id, await parseForm(request, departmentRenameSchema));
        return data({ ok: true as const, intent });
      case "move":
        await moveDepartment(actor.id, await parseForm(request, departmentMoveSchema));
        return data({ ok: true as const, intent });
      case "delete":
        await deleteDepartment(actor.id, (await parseForm(request, departmentDeleteSchema)).id);
        return redirect("/admin/departments?deleted=1");
    }
  }, intent);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function forIntent(actionData: unknown, intent: string) {
  return actionData &&
    typeof actionData === "object" &&
    (actionData as { intent?: string }).intent === intent
    ? actionData
    : undefined;
}

function CreateDepartmentForm({ rows, actionData }: { rows: Row[]; actionData: unknown }) {
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useSchemaForm(departmentCreateSchema, {
    defaultValues: { name: "", code: "", parentId: "" },
    actionData: forIntent(actionData, "create"),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("org.department.create")}
      </Title>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="create" />
        <Stack>
          <TextInput label={t("fields.name")} required {...field("name")} />
          <TextInput label={t("fields.code")} required {...field("code")} />
          <NativeSelect
            label={t("fields.parentDepartment")}
            data={[{ value: "", label: t("org.department.topLevel") }, ...parentOptions(rows)]}
            {...field("parentId")}
          />
          <Group>
            <Button type="submit">{t("org.department.create")}</Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function parentOptions(rows: Row[], excludeId?: string) {
  return rows
    .filter((row) => row.id !== excludeId)
    .map((row) => ({ value: row.id, label: `${"\u2003".repeat(row.depth)}${row.name}` }));
}

function EditDepartmentPanel({
  row,
  rows,
  actionData,
}: {
  row: Row;
  rows: Row[];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const rename = useSchemaForm(departmentRenameSchema, {
    defaultValues: { id: row.id, name: row.name, code: row.code },
    actionData: forIntent(actionData, "rename"),
  });
  const move = useSchemaForm(departmentMoveSchema, {
    defaultValues: { id: row.id, parentId: row.parentId ?? "" },
    actionData: forIntent(actionData, "move"),
  });
  const deleteFailure = forIntent(actionData, "delete");
  const succeeded =
    actionData && !isFailure(actionData) ? (actionData as { intent: string }).intent : null;
  return (
    <Card withBorder data-testid="department-editor">
      <Title order={2} size="h4" mb="sm">
        {row.name}
      </Title>
      {succeeded && (
        <Alert color="teal" mb="sm" role="status">
          {t("common.saved")}
        </Alert>
      )}
      <FormError message={rename.formError} />
      <Form method="post" onSubmit={rename.onSubmit} noValidate>
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" {...rename.form.register("id")} />
        <Stack>
          <TextInput label={t("fields.name")} required {...rename.field("name")} />
          <TextInput label={t("fields.code")} required {...rename.field("code")} />
          <Group>
            <Button type="submit" variant="light">
              {t("org.department.rename")}
            </Button>
          </Group>
        </Stack>
      </Form>
      <Form method="post" onSubmit={move.onSubmit} noValidate style={{ marginTop: 24 }}>
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" {...move.form.register("id")} />
        <FormError message={move.formError} />
        <Stack>
          <NativeSelect
            label={t("fields.parentDepartment")}
            data={[
              { value: "", label: t("org.department.topLevel") },
              ...parentOptions(rows, row.id),
            ]}
            {...move.field("parentId")}
          />
          <Group>
            <Button type="submit" variant="light">
              {t("org.department.move")}
            </Button>
          </Group>
        </Stack>
      </Form>
      <Form method="post" style={{ marginTop: 24 }}>
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={row.id} />
        {isFailure(deleteFailure) && (
          <Alert color="red" mb="sm" role="alert">
            {t(deleteFailure.formError)}
          </Alert>
        )}
        <Text size="sm" c="dimmed" mb="xs">
          {t("org.department.deleteHelp")}
        </Text>
        <Button type="submit" color="red" variant="light">
          {t("org.department.delete")}
        </Button>
      </Form>
    </Card>
  );
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { rows, canCreate, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const selected = rows.find((row) => row.id === params.get("edit"));
  return (
    <>
      <PageHeader title={t("org.departments.title")} />
      {params.get("deleted") && (
        <Alert color="teal" mb="md" role="status">
          {t("org.department.deleted")}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ScrollTable minWidth={420}>
            <Table data-testid="departments-table" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("fields.name")}</Table.Th>
                  <Table.Th>{t("fields.code")}</Table.Th>
                  <Table.Th>{t("org.departments.people")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr
                    key={row.id}
                    bg={row.id === selected?.id ? "var(--mantine-primary-color-light)" : undefined}
                  >
                    <Table.Td style={{ paddingLeft: 12 + row.depth * 20 }}>
                      {canEdit ? (
                        <Anchor
                          component={Link}
                          to={`?edit=${row.id}`}
                          aria-label={t("org.department.editNamed", { name: row.name })}
                        >
                          {row.name}
                        </Anchor>
                      ) : (
                        row.name
                      )}
                      {row.childCount > 0 && (
                        <Badge ml="xs" size="xs" variant="outline">
                          {row.childCount}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{row.code}</Table.Td>
                    <Table.Td>{row.userCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t("org.departments.empty")}
            </Text>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {selected && canEdit && (
              <EditDepartmentPanel
                key={`${selected.id}-${selected.name}-${selected.parentId}`}
                row={selected}
                rows={rows}
                actionData={actionData}
              />
            )}
            {canCreate && <CreateDepartmentForm rows={rows} actionData={actionData} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
