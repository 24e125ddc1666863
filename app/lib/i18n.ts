import type { InitOptions } from "i18next";

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Names shown in the switcher, each in its own language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", zh: "中文" };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** A language's nested keys (plural forms differ per language, so not one shared type). */
export type Catalogue = { [key: string]: string | Catalogue };

/**
 * Each language's catalogue is a chunk of its own: the browser loads only the one its page is
 * in (and another only when the person switches), the server bundles both (i18n.server.ts).
 */
export const loadCatalogue: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import("~/locales/en.json"),
  zh: () => import("~/locales/zh.json"),
};

export const i18nOptions: InitOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};
