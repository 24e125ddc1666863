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
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { actionDataFor, FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { EmptyState, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { departmentCreateSchema, departmentMoveSchema, departmentRenameSchema } from "../schemas";

/** A department in tree order, as the departments page lists it. */
export interface DepartmentRow {
  id: string;
  name: string;
  code: string;
  parentId: string | null;
  depth: number;
  childCount: number;
  userCount: number;
}

/** The forms of the departments page, one intent each. */
export type DepartmentIntent = "create" | "rename" | "move" | "delete";
type DepartmentActionData = ActionResult<DepartmentIntent> | undefined;

function parentOptions(rows: DepartmentRow[], excludeId?: string) {
  return rows
    .filter((row) => row.id !== excludeId)
    .map((row) => ({ value: row.id, label: `${"\u2003".repeat(row.depth)}${row.name}` }));
}

function CreateDepartmentForm({
  rows,
  actionData,
}: {
  rows: DepartmentRow[];
  actionData: DepartmentActionData;
}) {
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useSchemaForm(departmentCreateSchema, {
    defaultValues: { name: "", code: "", parentId: "" },
    actionData: actionDataFor(actionData, "create"),
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
          <TextInput label={t("fields.name")} {...field("name")} />
          <TextInput label={t("fields.code")} {...field("code")} />
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

interface EditFormProps {
  row: DepartmentRow;
  rows: DepartmentRow[];
  actionData: DepartmentActionData;
}

function RenameForm({ row, actionData }: Omit<EditFormProps, "rows">) {
  const { t } = useTranslation();
  const rename = useSchemaForm(departmentRenameSchema, {
    defaultValues: { id: row.id, name: row.name, code: row.code },
    actionData: actionDataFor(actionData, "rename"),
  });
  return (
    <>
      <FormError message={rename.formError} />
      <Form method="post" onSubmit={rename.onSubmit} noValidate>
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" {...rename.form.register("id")} />
        <Stack>
          <TextInput label={t("fields.name")} {...rename.field("name")} />
          <TextInput label={t("fields.code")} {...rename.field("code")} />
          <Group>
            <Button type="submit" variant="light">
              {t("org.department.rename")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </>
  );
}

function MoveForm({ row, rows, actionData }: EditFormProps) {
  const { t } = useTranslation();
  const move = useSchemaForm(departmentMoveSchema, {
    defaultValues: { id: row.id, parentId: row.parentId ?? "" },
    actionData: actionDataFor(actionData, "move"),
  });
  return (
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
  );
}

function DeleteForm({ row, actionData }: Omit<EditFormProps, "rows">) {
  const { t } = useTranslation();
  const failure = actionDataFor(actionData, "delete");
  return (
    <Form method="post" style={{ marginTop: 24 }}>
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="id" value={row.id} />
      {isFailure(failure) && (
        <Alert color="red" mb="sm" role="alert">
          {t(failure.formError)}
        </Alert>
      )}
      <Text size="sm" c="dimmed" mb="xs">
        {t("org.department.deleteHelp")}
      </Text>
      <Button type="submit" color="red" variant="light">
        {t("org.department.delete")}
      </Button>
    </Form>
  );
}

function EditDepartmentPanel({ row, rows, actionData }: EditFormProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="department-editor">
      <Title order={2} size="h4" mb="sm">
        {row.name}
      </Title>
      {actionData?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t("common.saved")}
        </Alert>
      )}
      <RenameForm row={row} actionData={actionData} />
      <MoveForm row={row} rows={rows} actionData={actionData} />
      <DeleteForm row={row} actionData={actionData} />
    </Card>
  );
}

function DepartmentTable({
  rows,
  selectedId,
  canEdit,
}: {
  rows: DepartmentRow[];
  selectedId?: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ListTable
        minWidth={420}
        data-testid="departments-table"
        highlightOnHover
        columns={[t("fields.name"), t("fields.code"), t("org.departments.people")]}
      >
        {rows.map((row) => (
          <Table.Tr
            key={row.id}
            bg={row.id === selectedId ? "var(--mantine-primary-color-light)" : undefined}
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
      </ListTable>
      {rows.length === 0 && <EmptyState>{t("org.departments.empty")}</EmptyState>}
    </>
  );
}

/** The department tree, the editor of the one chosen (`?edit=`) and the creation form. */
export function DepartmentsPage({
  rows,
  canCreate,
  canEdit,
  actionData,
}: {
  rows: DepartmentRow[];
  canCreate: boolean;
  canEdit: boolean;
  actionData: DepartmentActionData;
}) {
  const { t } = useTranslation();
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
          <DepartmentTable rows={rows} selectedId={selected?.id} canEdit={canEdit} />
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
