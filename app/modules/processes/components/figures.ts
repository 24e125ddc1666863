import type { TFunction } from "i18next";

/** Minutes as the tables show them: "45 min", "1 h 30 min". */
export function formatMinutes(t: TFunction, minutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  if (rounded < 60) return t("processes.units.minutes", { value: rounded });
  const hours = Math.floor(rounded / 60);
  const rest = Math.round((rounded - hours * 60) * 100) / 100;
  return rest === 0
    ? t("processes.units.hours", { hours })
    : t("processes.units.hoursMinutes", { hours, minutes: rest });
}

export const formatPercent = (value: number | null) =>
  value === null ? "—" : `${Math.round(value * 10) / 10} %`;
