import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useModeForm, type ModeFormProps } from "~/lib/ui/forms";
import { SearchPicker, type PickerOption } from "~/lib/ui/search-picker";
import {
  createInitiativeSchema,
  detailsSchema,
  INITIATIVE_STATUSES,
  initiativeEditForms,
} from "../schemas";

/** The details as the form holds them (strings, dates as YYYY-MM-DD). */
export interface InitiativeFormValues {
  name: string;
  goal: string;
  ownerId: string;
  status: (typeof INITIATIVE_STATUSES)[number];
  startDate: string;
}

type Props = {
  defaultValues: InitiativeFormValues;
  owner: PickerOption | null;
  actionData: unknown;
} & ModeFormProps;

const editDetails = detailsSchema.extend({ intent: initiativeEditForms.options[0].shape.intent });

/**
 * Name, goal, owner (searched), status and start date. Creating: the template's three
 * phases come with it. Editing: the revision the form was opened at goes with the post.
 */
export function InitiativeForm(props: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError, isEdit } = useModeForm(props, {
    schemas: { create: createInitiativeSchema, edit: editDetails },
    defaultValues: props.defaultValues,
    intent: "details",
    actionData: props.actionData,
  });
  const ownerError = field("ownerId").error;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="initiative-form">
      <FormError message={formError} />
      {isEdit ? (
        <>
          <input type="hidden" {...form.register("revision")} />
          <input type="hidden" {...form.register("intent")} />
        </>
      ) : (
        <input type="hidden" {...form.register("submissionKey")} />
      )}
      <Stack>
        <TextInput label={t("initiatives.form.name")} {...field("name")} />
        <Textarea label={t("initiatives.form.goal")} autosize minRows={2} {...field("goal")} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <SearchPicker
            name="ownerId"
            label={t("initiatives.form.owner")}
            placeholder={t("initiatives.form.ownerPlaceholder")}
            source="/initiatives/people"
            selected={props.owner}
            width="100%"
            error={ownerError}
            onChange={(value) =>
              form.setValue("ownerId", value, { shouldValidate: form.formState.isSubmitted })
            }
          />
          <NativeSelect
            label={t("initiatives.form.status")}
            data={INITIATIVE_STATUSES.map((status) => ({
              value: status,
              label: t(`initiatives.status.${status}`),
            }))}
            {...field("status")}
          />
          <TextInput type="date" label={t("initiatives.form.startDate")} {...field("startDate")} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {isEdit ? t("actions.save") : t("initiatives.form.create")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
