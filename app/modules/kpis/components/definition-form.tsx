import { Button, Group, SimpleGrid, Stack } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useModeForm, type ModeFormProps } from "~/lib/ui/forms";
import { FormNativeSelect, FormTextarea, FormTextInput } from "~/lib/ui/plain-inputs";
import { KPI_PERIODS } from "../periods";
import { createKpiSchema, kpiEditForms } from "../schemas";
import { KPI_DIRECTIONS } from "../status";

/** The definition as the form holds it (numbers as typed text). */
export interface KpiFormValues {
  template: string;
  name: string;
  storedName: string;
  unit: string;
  storedUnit: string;
  direction: (typeof KPI_DIRECTIONS)[number];
  precision: string;
  period: (typeof KPI_PERIODS)[number];
  minValue: string;
  maxValue: string;
  description: string;
  storedDescription: string;
  initiativeId: string;
}

type Props = {
  defaultValues: KpiFormValues;
  initiativeChoices: { value: string; label: string }[];
  actionData: unknown;
  /** Period and range locked (actuals exist): shown, but the server refuses a change. */
  hasActuals?: boolean;
} & ModeFormProps;

const editDetails = kpiEditForms({ minValue: null, maxValue: null, precision: 0 }).options[0];

/** A KPI's definition: created from a template or from scratch, or edited. */
export function KpiDefinitionForm(props: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError, isEdit } = useModeForm(props, {
    schemas: { create: createKpiSchema, edit: editDetails },
    defaultValues: props.defaultValues,
    intent: "details",
    actionData: props.actionData,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="kpi-definition-form">
      <FormError message={formError} />
      {isEdit ? (
        <>
          <input type="hidden" {...form.register("revision")} />
          <input type="hidden" {...form.register("intent")} />
        </>
      ) : (
        <input type="hidden" {...form.register("submissionKey")} />
      )}
      {(["template", "storedName", "storedUnit", "storedDescription"] as const).map((name) => (
        <input key={name} type="hidden" {...form.register(name)} />
      ))}
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FormTextInput label={t("kpis.form.name")} {...field("name")} />
          <FormTextInput
            label={t("kpis.form.unit")}
            description={t("kpis.form.unitHint")}
            {...field("unit")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <FormNativeSelect
            label={t("kpis.form.direction")}
            data={KPI_DIRECTIONS.map((d) => ({ value: d, label: t(`kpis.direction.${d}`) }))}
            {...field("direction")}
          />
          <FormNativeSelect
            label={t("kpis.form.period")}
            description={props.hasActuals ? t("kpis.form.periodLocked") : undefined}
            data={KPI_PERIODS.map((p) => ({ value: p, label: t(`kpis.period.${p}`) }))}
            {...field("period")}
          />
          <FormTextInput
            label={t("kpis.form.precision")}
            description={t("kpis.form.precisionHint")}
            inputMode="numeric"
            {...field("precision")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <FormTextInput
            label={t("kpis.form.minValue")}
            description={t("kpis.form.rangeHint")}
            inputMode="decimal"
            {...field("minValue")}
          />
          <FormTextInput
            label={t("kpis.form.maxValue")}
            inputMode="decimal"
            {...field("maxValue")}
          />
          <FormNativeSelect
            label={t("kpis.form.initiative")}
            description={t("kpis.form.initiativeHint")}
            data={[{ value: "", label: t("kpis.form.noInitiative") }, ...props.initiativeChoices]}
            {...field("initiativeId")}
          />
        </SimpleGrid>
        <FormTextarea label={t("kpis.form.description")} minRows={2} {...field("description")} />
        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {isEdit ? t("actions.save") : t("kpis.form.create")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
