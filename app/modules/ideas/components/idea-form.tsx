import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { IDEA_CATEGORIES, ideaSchema, SATISFACTION_EFFECTS } from "../schemas";

type IdeaFormField = ReturnType<typeof useSchemaForm<typeof ideaSchema>>["field"];

/** Category, department and the expected impact. */
function IdeaDetailFields({
  field,
  departments,
}: {
  field: IdeaFormField;
  departments: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NativeSelect
        label={t("ideas.fields.category")}
        data={[
          { value: "", label: t("ideas.fields.choose") },
          ...IDEA_CATEGORIES.map((c) => ({ value: c, label: t(`ideas.category.${c}`) })),
        ]}
        {...field("category")}
      />
      <NativeSelect
        label={t("fields.department")}
        data={[
          { value: "", label: t("ideas.noDepartment") },
          ...departments.map((d) => ({ value: d.id, label: d.name })),
        ]}
        {...field("departmentId")}
      />
      <TextInput
        label={t("ideas.fields.hoursSaved")}
        inputMode="numeric"
        {...field("hoursSavedPerMonth")}
      />
      <TextInput
        label={t("ideas.fields.costSaving")}
        inputMode="numeric"
        {...field("costSaving")}
      />
      <NativeSelect
        label={t("ideas.fields.satisfaction")}
        data={[
          { value: "", label: t("ideas.fields.notSure") },
          ...SATISFACTION_EFFECTS.map((e) => ({ value: e, label: t(`ideas.effect.${e}`) })),
        ]}
        {...field("satisfactionEffect")}
      />
    </SimpleGrid>
  );
}

export function IdeaForm({
  departments,
  defaultDepartmentId,
  actionData,
}: {
  departments: { id: string; name: string }[];
  defaultDepartmentId: string;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(ideaSchema, {
    defaultValues: {
      title: "",
      problem: "",
      proposal: "",
      departmentId: defaultDepartmentId,
      hoursSavedPerMonth: "",
      costSaving: "",
      satisfactionEffect: "",
      anonymous: false,
    },
    actionData,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="idea-form">
      <FormError message={formError} />
      <Stack>
        <TextInput label={t("ideas.fields.title")} {...field("title")} />
        <Textarea
          label={t("ideas.fields.problem")}
          description={t("ideas.fields.markdownHint")}
          autosize
          minRows={3}
          {...field("problem")}
        />
        <Textarea label={t("ideas.fields.proposal")} autosize minRows={3} {...field("proposal")} />
        <IdeaDetailFields field={field} departments={departments} />
        <Checkbox
          label={t("ideas.fields.anonymous")}
          description={t("ideas.fields.anonymousHint")}
          {...field("anonymous")}
        />
        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("ideas.submit")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
