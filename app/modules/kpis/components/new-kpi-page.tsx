import { Button, Group, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/lib/ui/page";
import { KPI_TEMPLATES, kpiTemplate } from "../templates";
import { KpiDefinitionForm, type KpiFormValues } from "./definition-form";

/**
 * A new KPI: pick a built-in template (it fills the form, everything stays editable) or start
 * from scratch. The template is a link (?template=), so it works before the script loads.
 */
export function NewKpiPage({
  template,
  submissionKey,
  initiativeChoices,
  actionData,
}: {
  template: string;
  submissionKey: string;
  initiativeChoices: { value: string; label: string }[];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const chosen = kpiTemplate(template);
  const defaults: KpiFormValues = chosen
    ? {
        template: chosen.key,
        name: t(chosen.nameKey),
        storedName: chosen.nameKey,
        unit: t(chosen.unitKey),
        storedUnit: chosen.unitKey,
        direction: chosen.direction,
        precision: String(chosen.precision),
        period: chosen.period,
        minValue: chosen.minValue === null ? "" : String(chosen.minValue),
        maxValue: chosen.maxValue === null ? "" : String(chosen.maxValue),
        description: t(chosen.descriptionKey),
        storedDescription: chosen.descriptionKey,
        initiativeId: initiativeChoices[0]?.value ?? "",
      }
    : {
        template: "",
        name: "",
        storedName: "",
        unit: "",
        storedUnit: "",
        direction: "HIGHER_IS_BETTER",
        precision: "1",
        period: "MONTHLY",
        minValue: "",
        maxValue: "",
        description: "",
        storedDescription: "",
        initiativeId: initiativeChoices[0]?.value ?? "",
      };
  return (
    <>
      <PageHeader title={t("kpis.form.createTitle")} />
      <Text size="sm" c="dimmed" mb="xs">
        {t("kpis.form.templatesHint")}
      </Text>
      <Group gap="xs" mb="lg" aria-label={t("kpis.form.templates")}>
        {KPI_TEMPLATES.map((option) => (
          <Button
            key={option.key}
            component={Link}
            to={`?template=${option.key}`}
            size="compact-sm"
            variant={option.key === chosen?.key ? "filled" : "light"}
            aria-current={option.key === chosen?.key ? "true" : undefined}
          >
            {t(option.nameKey)}
          </Button>
        ))}
        <Button component={Link} to="?" size="compact-sm" variant={chosen ? "subtle" : "filled"}>
          {t("kpis.form.custom")}
        </Button>
      </Group>
      <KpiDefinitionForm
        // A new template is a new form (react-hook-form keeps its first defaults).
        key={chosen?.key ?? "custom"}
        mode="create"
        submissionKey={submissionKey}
        initiativeChoices={initiativeChoices}
        actionData={actionData}
        defaultValues={defaults}
      />
    </>
  );
}
