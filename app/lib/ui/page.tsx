import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PlainGroup, TITLE_CLASSES, titleVars } from "./plain";
import { PlainPagination } from "./plain-inputs";

const PAGE_TITLE_STYLE = titleVars("h2");

/** The page's title (`<Title order={1} size="h2">`) and its actions, in a wrapping row. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <PlainGroup justify="space-between" mb="md">
      <h1 style={PAGE_TITLE_STYLE} className={TITLE_CLASSES} data-order="1" data-size="h2">
        {title}
      </h1>
      {actions}
    </PlainGroup>
  );
}

/** Pagination that keeps the current filters in the URL. */
export function UrlPagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (pageCount <= 1) return null;
  return (
    <PlainPagination
      total={pageCount}
      value={page}
      onChange={(next) => {
        const copy = new URLSearchParams(params);
        copy.set("page", String(next));
        setParams(copy);
      }}
      // The arrows are icons: screen readers need their names (also when disabled).
      controlLabel={(control) => t(`ui.pagination.${control}`)}
      pageLabel={(n) => t("ui.pagination.page", { page: n })}
    />
  );
}
