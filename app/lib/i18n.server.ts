import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, LANGUAGES, type Language } from "./i18n";

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

/** A translator for server-side text (page titles, e-mails) in the given language. */
export async function getFixedT(language: Language): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ ...i18nOptions, lng: language });
  return instance.t;
}
