import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
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
} & ({ mode: "create"; submissionKey: string } | { mode: "edit"; revision: number });

const editDetails = detailsSchema.extend({ intent: initiativeEditForms.options[0].shape.intent });

/**
 * Name, goal, owner (searched), status and start date. Creating: the template's three
 * phases come with it. Editing: the revision the form was opened at goes with the post.
 */
export function InitiativeForm(props: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const schema = props.mode === "create" ? createInitiativeSchema : editDetails;
  const { form, field, onSubmit, formError } = useSchemaForm(schema as typeof editDetails, {
    defaultValues: {
      ...props.defaultValues,
      ...(props.mode === "create"
        ? { submissionKey: props.submissionKey }
        : { revision: String(props.revision), intent: "details" as const }),
    } as never,
    actionData: props.actionData,
  });
  const ownerError = field("ownerId").error;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="initiative-form">
      <FormError message={formError} />
      {props.mode === "create" ? (
        <input type="hidden" {...form.register("submissionKey" as never)} />
      ) : (
        <>
          <input type="hidden" {...form.register("revision")} />
          <input type="hidden" {...form.register("intent")} />
        </>
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
            {props.mode === "create" ? t("initiatives.form.create") : t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
