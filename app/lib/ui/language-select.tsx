import { NativeSelect, type NativeSelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, LANGUAGES } from "~/lib/i18n";

/** A saved language preference: English, Chinese, or "" to follow the browser. */
export function LanguagePreferenceSelect(props: Omit<NativeSelectProps, "data" | "label">) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t("fields.preferredLanguage")}
      data={[
        { value: "", label: t("settings.languageFromBrowser") },
        ...LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
      ]}
      {...props}
    />
  );
}
