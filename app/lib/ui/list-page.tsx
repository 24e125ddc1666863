import { Text, type TableProps } from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { UrlPagination } from "./page";
import { PlainGroup, PlainTable } from "./plain";
import { LightSubmitButton, PlainNativeSelect, PlainTextInput } from "./plain-inputs";
import { ScrollTable } from "./scroll-table";

// The list-page kit (decision 018): filter bar, result count, table, empty state and
// pagination, the same on every list. ListPage puts them in that order; the pieces are
// exported for lists that need only some (a tree without filters, a table inside a card).

/** A list's filters: a GET form (the filters live in the URL), its fields, then "Filter". */
export function FilterBar({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search">
      <PlainGroup align="flex-end" mb="md">
        {children}
        <LightSubmitButton>{t("actions.filter")}</LightSubmitButton>
      </PlainGroup>
    </Form>
  );
}

/**
 * A filter's select, showing the URL's current value. "All" ("") comes first unless the list
 * has a default of its own (`fallback`, e.g. active users only).
 */
export function FilterSelect({
  name,
  label,
  options,
  fallback,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  fallback?: string;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <PlainNativeSelect
      name={name}
      label={label}
      defaultValue={params.get(name) ?? fallback ?? ""}
      data={fallback === undefined ? [{ value: "", label: t("common.all") }, ...options] : options}
    />
  );
}

/** A filter's text (or date) field, showing the URL's current value. */
export function FilterText({
  name,
  label,
  type,
  placeholder,
}: {
  name: string;
  label: string;
  type?: "date";
  placeholder?: string;
}) {
  const [params] = useSearchParams();
  return (
    <PlainTextInput
      name={name}
      type={type}
      label={label}
      placeholder={placeholder}
      defaultValue={params.get(name) ?? ""}
    />
  );
}

/** "12 results", after an optional detail of the list's own ("3 unread · 12 results"). */
export function ResultCount({ total, detail }: { total: number; detail?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" mb="xs" data-testid="result-count">
      {detail}
      {detail ? " · " : null}
      {t("common.resultCount", { count: total })}
    </Text>
  );
}

/**
 * A table with its column headings, scrolling sideways on narrow screens (ScrollTable). Its
 * rows (`children`) are plain <tr> and <td> elements (PlainTable, decision 030).
 */
export function ListTable({
  columns,
  minWidth,
  striped,
  children,
  ...tableProps
}: Omit<TableProps, "striped"> & {
  columns: ReactNode[];
  minWidth: number;
  striped?: boolean;
  children: ReactNode;
}) {
  return (
    <ScrollTable minWidth={minWidth}>
      <PlainTable striped={striped} {...tableProps}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </PlainTable>
    </ScrollTable>
  );
}

/** What a list says when it has nothing to show. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" ta="center" py="lg">
      {children}
    </Text>
  );
}

/** The page of a paged list, as the loader's `paginate(…).summary(total)` gives it. */
export interface ListSummary {
  total: number;
  page: number;
  pageCount: number;
}

/**
 * A paged list: filters (if any), the result count, the rows (`children`: a ListTable, or
 * cards), the empty state when this page has no rows, and the pagination.
 */
export function ListPage({
  summary,
  filters,
  countDetail,
  isEmpty,
  emptyText,
  children,
}: {
  summary: ListSummary;
  filters?: ReactNode;
  countDetail?: ReactNode;
  isEmpty: boolean;
  /** Defaults to "Nothing matches these filters." */
  emptyText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {filters && <FilterBar>{filters}</FilterBar>}
      <ResultCount total={summary.total} detail={countDetail} />
      {children}
      {isEmpty && <EmptyState>{emptyText ?? t("common.noResults")}</EmptyState>}
      <UrlPagination page={summary.page} pageCount={summary.pageCount} />
    </>
  );
}
