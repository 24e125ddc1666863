import { Badge, List, Paper, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PlainText } from "~/lib/ui/plain";
import type { Band } from "../adkar";

// Small pieces shared by the readiness report and the drill-down (decision 038).

export const BAND_COLOURS: Record<Band, { bg: string; c: string }> = {
  barrier: { bg: "var(--mantine-color-red-1)", c: "var(--mantine-color-red-9)" },
  watch: { bg: "var(--mantine-color-yellow-1)", c: "var(--mantine-color-yellow-9)" },
  strong: { bg: "var(--mantine-color-green-1)", c: "var(--mantine-color-green-9)" },
};

export const mean1 = (value: number) => value.toFixed(1);
export const score0 = (value: number) => Math.round(value).toString();
export const percent0 = (value: number | null) => (value === null ? "—" : `${Math.round(value)} %`);

/** A band as text (never colour alone). */
export function BandLabel({ band }: { band: Band }) {
  const { t } = useTranslation();
  return (
    <PlainText span size="xs">
      {t(`initiatives.readiness.bands.${band}`)}
    </PlainText>
  );
}

export function ElementName({ element }: { element: string }) {
  const { t } = useTranslation();
  return <>{t(`initiatives.elements.${element}`)}</>;
}

/** The formula in plain words, on the page (both languages). */
export function ReadinessFormula({ surveyWeight, floor }: { surveyWeight: number; floor: number }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="readiness-formula">
      <Title order={2} size="h4" mb="xs">
        {t("initiatives.readiness.formula.title")}
      </Title>
      <List size="sm" spacing={4}>
        <List.Item>{t("initiatives.readiness.formula.survey")}</List.Item>
        <List.Item>
          {t("initiatives.readiness.formula.blend", {
            survey: surveyWeight,
            evidence: 100 - surveyWeight,
          })}
        </List.Item>
        <List.Item>{t("initiatives.readiness.formula.overall")}</List.Item>
        <List.Item>{t("initiatives.readiness.formula.barrier")}</List.Item>
        <List.Item>{t("initiatives.readiness.formula.bands")}</List.Item>
        <List.Item>{t("initiatives.readiness.formula.floor", { count: floor })}</List.Item>
      </List>
    </Paper>
  );
}

export function SuppressedBadge({ floor }: { floor: number }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray">
      {t("initiatives.readiness.heatmap.suppressed", { count: floor })}
    </Badge>
  );
}
