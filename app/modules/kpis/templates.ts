// The built-in KPI definitions (decision 041): HR starts a KPI from one of these (or from
// scratch); the form is filled in and everything stays editable. Names and descriptions are
// i18n keys: a KPI keeps the key while its name is left as the template gives it, so each
// reader sees it in their language (as the template phases of an initiative do).
import type { KpiPeriodValue } from "./periods";
import type { KpiDirectionValue } from "./status";

export interface KpiTemplate {
  key: string;
  /** i18n keys of the name and description. */
  nameKey: string;
  descriptionKey: string;
  unitKey: string;
  direction: KpiDirectionValue;
  precision: number;
  period: KpiPeriodValue;
  minValue: number | null;
  maxValue: number | null;
}

export const KPI_TEMPLATES: readonly KpiTemplate[] = [
  {
    key: "csat5",
    nameKey: "kpis.templates.csat5.name",
    descriptionKey: "kpis.templates.csat5.description",
    unitKey: "kpis.templates.csat5.unit",
    direction: "HIGHER_IS_BETTER",
    precision: 2,
    period: "MONTHLY",
    minValue: 1,
    maxValue: 5,
  },
  {
    key: "csat100",
    nameKey: "kpis.templates.csat100.name",
    descriptionKey: "kpis.templates.csat100.description",
    unitKey: "kpis.templates.csat100.unit",
    direction: "HIGHER_IS_BETTER",
    precision: 1,
    period: "MONTHLY",
    minValue: 0,
    maxValue: 100,
  },
  {
    key: "complaintRate",
    nameKey: "kpis.templates.complaintRate.name",
    descriptionKey: "kpis.templates.complaintRate.description",
    unitKey: "kpis.templates.complaintRate.unit",
    direction: "LOWER_IS_BETTER",
    precision: 2,
    period: "MONTHLY",
    minValue: 0,
    maxValue: 1000,
  },
  {
    key: "firstResponseTime",
    nameKey: "kpis.templates.firstResponseTime.name",
    descriptionKey: "kpis.templates.firstResponseTime.description",
    unitKey: "kpis.templates.firstResponseTime.unit",
    direction: "LOWER_IS_BETTER",
    precision: 1,
    period: "WEEKLY",
    minValue: 0,
    maxValue: null,
  },
  {
    key: "repeatPurchaseRate",
    nameKey: "kpis.templates.repeatPurchaseRate.name",
    descriptionKey: "kpis.templates.repeatPurchaseRate.description",
    unitKey: "kpis.templates.repeatPurchaseRate.unit",
    direction: "HIGHER_IS_BETTER",
    precision: 1,
    period: "MONTHLY",
    minValue: 0,
    maxValue: 100,
  },
  {
    key: "referralScore",
    nameKey: "kpis.templates.referralScore.name",
    descriptionKey: "kpis.templates.referralScore.description",
    unitKey: "kpis.templates.referralScore.unit",
    direction: "HIGHER_IS_BETTER",
    precision: 0,
    period: "MONTHLY",
    minValue: -100,
    maxValue: 100,
  },
];

export function kpiTemplate(key: string | null | undefined): KpiTemplate | undefined {
  return KPI_TEMPLATES.find((template) => template.key === key);
}
