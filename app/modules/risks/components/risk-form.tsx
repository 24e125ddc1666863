import { Button, Group, SimpleGrid, Stack } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useModeForm, type ModeFormProps } from "~/lib/ui/forms";
import { FormNativeSelect, FormTextarea, FormTextInput } from "~/lib/ui/plain-inputs";
import {
  createRiskSchema,
  riskEditForms,
  RISK_CATEGORIES,
  RISK_LEVELS,
  RISK_STATUSES,
} from "../risk";

export interface RiskFormValues {
  title: string;
  category: (typeof RISK_CATEGORIES)[number];
  description: string;
  likelihood: string;
  impact: string;
  mitigation: string;
  ownerId: string;
  status: (typeof RISK_STATUSES)[number];
  nextReviewOn: string;
}

export const EMPTY_RISK: RiskFormValues = {
  title: "",
  category: "OTHER",
  description: "",
  likelihood: "3",
  impact: "3",
  mitigation: "",
  ownerId: "",
  status: "OPEN",
  nextReviewOn: "",
};

type Props = {
  defaultValues: RiskFormValues;
  ownerChoices: { value: string; label: string }[];
  actionData: unknown;
} & ModeFormProps;

const editDetails = riskEditForms.options[0];

/** A risk's fields, checked in the browser by the schema the action parses. */
export function RiskForm(props: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError, isEdit } = useModeForm(props, {
    schemas: { create: createRiskSchema, edit: editDetails },
    defaultValues: props.defaultValues,
    intent: "details",
    actionData: props.actionData,
  });
  const levels = RISK_LEVELS.map((level) => ({ value: String(level), label: String(level) }));
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="risk-form">
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
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FormTextInput label={t("risks.form.title")} {...field("title")} />
          <FormNativeSelect
            label={t("risks.form.category")}
            data={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`risks.category.${c}`) }))}
            {...field("category")}
          />
        </SimpleGrid>
        <FormTextarea label={t("risks.form.description")} minRows={2} {...field("description")} />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <FormNativeSelect
            label={t("risks.form.likelihood")}
            data={levels}
            {...field("likelihood")}
          />
          <FormNativeSelect label={t("risks.form.impact")} data={levels} {...field("impact")} />
          <FormNativeSelect
            label={t("risks.form.status")}
            data={RISK_STATUSES.map((s) => ({ value: s, label: t(`risks.status.${s}`) }))}
            {...field("status")}
          />
          <FormTextInput
            type="date"
            label={t("risks.form.nextReviewOn")}
            {...field("nextReviewOn")}
          />
        </SimpleGrid>
        <FormNativeSelect
          label={t("risks.form.owner")}
          data={[{ value: "", label: t("risks.form.noOwner") }, ...props.ownerChoices]}
          {...field("ownerId")}
        />
        <FormTextarea label={t("risks.form.mitigation")} minRows={2} {...field("mitigation")} />
        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {isEdit ? t("risks.form.save") : t("risks.form.add")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
