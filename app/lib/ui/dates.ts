import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../dates";

/** Date formatters in the viewer's language (see lib/dates: one zone, hydration-safe). */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      date: (value: Date | string) => formatDate(value, language),
      dateTime: (value: Date | string) => formatDateTime(value, language),
    }),
    [language],
  );
}
