// KPI texts as shown: a built-in template's name, unit and description are stored as i18n keys
// while unchanged (decision 041), so each reader sees them in their own language.
import type { TFunction } from "i18next";
import { isKpiTemplateKey } from "./schemas";

export function kpiText(t: TFunction, text: string): string {
  return isKpiTemplateKey(text) ? t(text) : text;
}

/** A value at the KPI's precision with its unit ("4.25 points"); "—" when there is none. */
export function formatKpiValue(
  t: TFunction,
  value: number | null | undefined,
  kpi: { precision: number; unit: string },
  language: string,
): string {
  if (value === null || value === undefined) return "—";
  const number = new Intl.NumberFormat(language === "zh" ? "zh-CN" : "en-GB", {
    minimumFractionDigits: kpi.precision,
    maximumFractionDigits: kpi.precision,
  }).format(value);
  const unit = kpiText(t, kpi.unit);
  return unit === "%" ? `${number}%` : unit ? `${number} ${unit}` : number;
}

/** A change with its sign ("+0.25", "−1.5"), at the KPI's precision. */
export function formatKpiChange(
  value: number | null | undefined,
  precision: number,
  language: string,
): string {
  if (value === null || value === undefined) return "—";
  const number = new Intl.NumberFormat(language === "zh" ? "zh-CN" : "en-GB", {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
    signDisplay: "exceptZero",
  }).format(value);
  return number;
}
