import {
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { Form } from "@remix-run/react";
import { Controller } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { managesDepartments, ROLES } from "~/lib/permissions";
import { FormError, useSchemaForm, type SchemaFieldProps } from "~/lib/ui/forms";
import { LanguagePreferenceSelect } from "~/lib/ui/language-select";
import { userCreateSchema, userUpdateSchema } from "../schemas";

export interface DepartmentOption {
  id: string;
  label: string;
}

export interface UserFormValues {
  name: string;
  email: string;
  role: (typeof ROLES)[number];
  departmentId: string;
  jobTitle: string;
  hireDate: string;
  preferredLanguage: "" | "en" | "zh";
  managedDepartmentIds: string;
  temporaryPassword: string;
}

type UserFieldName = Exclude<keyof UserFormValues, "managedDepartmentIds">;

function UserFieldsGrid({
  mode,
  roles,
  departmentData,
  field,
}: {
  mode: "create" | "edit";
  roles: readonly (typeof ROLES)[number][];
  departmentData: { value: string; label: string }[];
  field: (name: UserFieldName) => SchemaFieldProps;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t("fields.name")} {...field("name")} />
      <TextInput label={t("fields.email")} type="email" {...field("email")} />
      <NativeSelect
        label={t("fields.role")}
        data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        {...field("role")}
      />
      <NativeSelect
        label={t("fields.department")}
        data={[{ value: "", label: t("org.user.chooseDepartment") }, ...departmentData]}
        {...field("departmentId")}
      />
      <TextInput label={t("fields.jobTitle")} {...field("jobTitle")} />
      <TextInput label={t("fields.hireDate")} type="date" {...field("hireDate")} />
      <LanguagePreferenceSelect {...field("preferredLanguage")} />
      <PasswordInput
        label={mode === "create" ? t("fields.temporaryPassword") : t("fields.newTemporaryPassword")}
        description={t("org.user.temporaryPasswordHelp")}
        autoComplete="new-password"
        {...field("temporaryPassword")}
      />
    </SimpleGrid>
  );
}

/** The managed departments, posted as one comma-separated field. */
function ManagedDepartmentsSelect({
  departmentData,
  value,
  onChange,
  error,
}: {
  departmentData: { value: string; label: string }[];
  value: unknown;
  onChange: (ids: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t("fields.managedDepartments")}
      description={t("org.user.managedDepartmentsHelp")}
      data={departmentData}
      name="managedDepartmentIds"
      value={String(value ?? "")
        .split(",")
        .filter(Boolean)}
      onChange={(ids) => onChange(ids.join(","))}
      error={error}
      searchable
      clearable
    />
  );
}

export function UserForm({
  mode,
  departments,
  roles,
  defaultValues,
  actionData,
}: {
  mode: "create" | "edit";
  departments: DepartmentOption[];
  /** Roles this actor may give (administrators alone give ADMIN). */
  roles: readonly (typeof ROLES)[number][];
  defaultValues: UserFormValues;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const schema = mode === "create" ? userCreateSchema : userUpdateSchema;
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(schema, {
    defaultValues,
    actionData,
  });
  const role = form.watch("role");
  const departmentData = departments.map((d) => ({ value: d.id, label: d.label }));
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={formError} />
      <Stack maw={720}>
        <UserFieldsGrid mode={mode} roles={roles} departmentData={departmentData} field={field} />
        {managesDepartments(role) && (
          <Controller
            control={form.control}
            name="managedDepartmentIds"
            render={({ field: controlled }) => (
              <ManagedDepartmentsSelect
                departmentData={departmentData}
                value={controlled.value}
                onChange={controlled.onChange}
                error={errorFor("managedDepartmentIds")}
              />
            )}
          />
        )}
        <Group>
          <Button type="submit">
            {mode === "create" ? t("org.user.create") : t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
