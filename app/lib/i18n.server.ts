import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import en from "~/locales/en.json";
import zh from "~/locales/zh.json";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, LANGUAGES, type Language } from "./i18n";

const resources = { en: { common: en }, zh: { common: zh } };

export const languageCookie = createCookie("uptake_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
});

/** The user's saved preference wins; then the switcher's cookie; then the browser. */
export async function resolveLanguage(
  request: Request,
  preferredLanguage?: string | null,
): Promise<Language> {
  if (isLanguage(preferredLanguage)) return preferredLanguage;
  const detected = await detector.getLocale(request);
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}

// One initialised instance per language, shared by every request: the language of an
// instance never changes on the server (the browser's switcher changes its own instance), and
// creating one per request cost 0.4 ms of CPU per page (decision 026).
const instances = new Map<Language, Promise<I18n>>();

/** The server's i18next instance for a language, ready to render React with. */
export function i18nFor(language: Language): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, resources, lng: language })
      .then(() => created);
    instances.set(language, instance);
  }
  return instance;
}

/** A translator for server-side text (page titles, e-mails) in the given language. */
export async function getFixedT(language: Language): Promise<TFunction> {
  return (await i18nFor(language)).getFixedT(language);
}

/**
 * Text that starts as a translated template (an i18n key) stays the key while it reads as
 * that key's translation in one of the languages, so every reader sees it in their own; once
 * edited it is stored as typed. `storedKey` is what the form started from.
 */
export async function storedTemplateText(
  text: string,
  storedKey: string,
  isKey: (value: string) => boolean,
): Promise<string> {
  if (!storedKey || !isKey(storedKey)) return text;
  for (const language of LANGUAGES) {
    const t = await getFixedT(language);
    if (t(storedKey) === text) return storedKey;
  }
  return text;
}
