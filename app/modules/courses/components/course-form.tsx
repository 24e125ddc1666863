import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import {
  CATEGORIES,
  COVER_COLORS,
  COVER_ICONS,
  courseSchema,
  courseUpdateSchema,
  type Category,
} from "../schemas";

export interface CourseFormValues {
  title: string;
  summary: string;
  category: Category;
  estimatedMinutes: string;
  tags: string;
  /** Stored as text; the selects offer COVER_COLORS and COVER_ICONS. */
  coverColor: string;
  coverIcon: string;
  ownerId: string;
  revision?: string;
}

function useCourseForm(
  mode: "create" | "edit",
  defaultValues: CourseFormValues,
  actionData: ActionResult | undefined,
) {
  return useSchemaForm(mode === "create" ? courseSchema : courseUpdateSchema, {
    // The cover fields are stored as text; the schema checks them against its lists.
    defaultValues: defaultValues as z.input<typeof courseSchema>,
    actionData,
  });
}
type CourseFormEditor = ReturnType<typeof useCourseForm>;

export function CourseForm({
  mode,
  defaultValues,
  owners,
  canChooseOwner,
  actionData,
  disabled,
  submissionKey,
}: {
  mode: "create" | "edit";
  defaultValues: CourseFormValues;
  owners: { id: string; name: string }[];
  canChooseOwner: boolean;
  actionData: ActionResult | undefined;
  disabled?: boolean;
  /** One key per opened create form: a repeated post of it makes no second course. */
  submissionKey?: string;
}) {
  const { t } = useTranslation();
  const editor = useCourseForm(mode, defaultValues, actionData);
  const { onSubmit, formError } = editor;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="details" />
      {submissionKey && <input type="hidden" name="submissionKey" value={submissionKey} />}
      {/* The revision the edit started from, never edited (the create schema has none). */}
      {mode === "edit" && (
        <input type="hidden" name="revision" defaultValue={defaultValues.revision} />
      )}
      <FormError message={formError} />
      <Stack>
        <CourseDetailFields
          editor={editor}
          owners={owners}
          canChooseOwner={canChooseOwner}
          ownerId={defaultValues.ownerId}
          disabled={disabled}
        />
        <CoverFields editor={editor} disabled={disabled} />
        {!disabled && (
          <Group>
            <Button type="submit">
              {mode === "create" ? t("courses.create") : t("actions.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </Form>
  );
}

/** What the detail fields and the owner field get. */
interface DetailFieldsProps {
  editor: CourseFormEditor;
  owners: { id: string; name: string }[];
  canChooseOwner: boolean;
  ownerId: string;
  disabled?: boolean;
}

/** Title, summary, category, length, owner and tags. */
function CourseDetailFields(props: DetailFieldsProps) {
  const { t } = useTranslation();
  const { field } = props.editor;
  const { disabled } = props;
  return (
    <>
      <TextInput label={t("courses.fields.title")} disabled={disabled} {...field("title")} />
      <Textarea
        label={t("courses.fields.summary")}
        autosize
        minRows={2}
        disabled={disabled}
        {...field("summary")}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t("courses.fields.category")}
          data={CATEGORIES.map((value) => ({ value, label: t(`courses.category.${value}`) }))}
          disabled={disabled}
          {...field("category")}
        />
        <TextInput
          label={t("courses.fields.estimatedMinutes")}
          inputMode="numeric"
          disabled={disabled}
          {...field("estimatedMinutes")}
        />
        <OwnerField {...props} />
      </SimpleGrid>
      <TextInput
        label={t("courses.fields.tags")}
        description={t("courses.fields.tagsHelp")}
        disabled={disabled}
        {...field("tags")}
      />
    </>
  );
}

/** The owner: a choice for those who may name one, otherwise shown read-only. */
function OwnerField({
  editor: { field, form },
  owners,
  canChooseOwner,
  ownerId,
  disabled,
}: DetailFieldsProps) {
  const { t } = useTranslation();
  if (canChooseOwner) {
    return (
      <NativeSelect
        label={t("courses.fields.owner")}
        data={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
        disabled={disabled}
        {...field("ownerId")}
      />
    );
  }
  return (
    <>
      <TextInput
        label={t("courses.fields.owner")}
        value={owners.find((owner) => owner.id === ownerId)?.name ?? ""}
        readOnly
        disabled
      />
      <input type="hidden" {...form.register("ownerId")} />
    </>
  );
}

function CoverFields({
  editor: { field },
  disabled,
}: {
  editor: CourseFormEditor;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NativeSelect
        label={t("courses.fields.coverColor")}
        data={COVER_COLORS.map((value) => ({ value, label: t(`courses.color.${value}`) }))}
        disabled={disabled}
        {...field("coverColor")}
      />
      <NativeSelect
        label={t("courses.fields.coverIcon")}
        data={COVER_ICONS.map((value) => ({ value, label: value }))}
        disabled={disabled}
        {...field("coverIcon")}
      />
    </SimpleGrid>
  );
}
