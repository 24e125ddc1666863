import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, loadCatalogue } from "~/lib/i18n";

/** Loads a language's catalogue chunk when i18next first needs it (start-up, the switcher). */
const catalogueChunks: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    loadCatalogue[language]().then(
      (chunk) => callback(null, chunk.default),
      (error: Error) => callback(error, null),
    );
  },
};

async function hydrate() {
  const htmlLanguage = document.documentElement.dataset.language;
  await i18next
    .use(catalogueChunks)
    .use(initReactI18next)
    // Both catalogues have every key (test/integration/i18n.test.ts): no fallback to load.
    .init({
      ...i18nOptions,
      fallbackLng: false,
      lng: isLanguage(htmlLanguage) ? htmlLanguage : DEFAULT_LANGUAGE,
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
