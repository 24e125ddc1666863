import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CATEGORIES } from "~/modules/courses";
import { REPORT_STATUSES } from "../schemas";

interface Option {
  id: string;
  name?: string;
  title?: string;
}

/** A filter select whose empty value means "all". */
function AllOrOneSelect({
  name,
  label,
  options,
  maw,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  maw?: number;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <NativeSelect
      name={name}
      label={label}
      defaultValue={params.get(name) ?? ""}
      data={[{ value: "", label: t("common.all") }, ...options]}
      maw={maw}
    />
  );
}

/** A month of assignment (inclusive), "YYYY-MM". */
function MonthInput({ name, label }: { name: string; label: string }) {
  const [params] = useSearchParams();
  return (
    <TextInput
      name={name}
      type="month"
      label={label}
      defaultValue={params.get(name) ?? ""}
      w={170}
    />
  );
}

/** The report filters as a GET form: the URL holds the whole report, so it can be shared. */
export function ReportFilterBar({
  departments,
  courses,
  show = { department: true, course: true, status: false, search: false },
}: {
  departments?: Option[];
  courses?: Option[];
  show?: { department?: boolean; course?: boolean; status?: boolean; search?: boolean };
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  return (
    <Form method="get" role="search" data-testid="report-filters">
      <Group align="flex-end" mb="md" wrap="wrap" gap="sm">
        {show.search && (
          <TextInput
            name="q"
            label={t("reports.filters.person")}
            defaultValue={value("q")}
            w={180}
          />
        )}
        {show.department && departments && (
          <AllOrOneSelect
            name="department"
            label={t("fields.department")}
            options={departments.map((d) => ({ value: d.id, label: d.name ?? d.id }))}
          />
        )}
        <NativeSelect
          name="sub"
          label={t("reports.filters.subDepartments")}
          defaultValue={value("sub") || "1"}
          data={[
            { value: "1", label: t("reports.filters.includeSub") },
            { value: "0", label: t("reports.filters.excludeSub") },
          ]}
        />
        {show.course && courses && (
          <AllOrOneSelect
            name="course"
            label={t("reports.filters.course")}
            options={courses.map((c) => ({ value: c.id, label: c.title ?? c.id }))}
            maw={260}
          />
        )}
        <AllOrOneSelect
          name="category"
          label={t("reports.filters.category")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`courses.category.${c}`) }))}
        />
        {show.status && (
          <AllOrOneSelect
            name="status"
            label={t("fields.status")}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`learning.status.${s}`) }))}
          />
        )}
        <MonthInput name="from" label={t("reports.filters.from")} />
        <MonthInput name="to" label={t("reports.filters.to")} />
        <Button type="submit" variant="light">
          {t("actions.filter")}
        </Button>
      </Group>
    </Form>
  );
}

/** The current filters as a query string, for export links and drill-down links. */
export function useFilterQuery(overrides: Record<string, string | null> = {}) {
  const [params] = useSearchParams();
  const copy = new URLSearchParams(params);
  copy.delete("page");
  for (const [key, next] of Object.entries(overrides)) {
    if (next === null) copy.delete(key);
    else copy.set(key, next);
  }
  const text = copy.toString();
  return text ? `?${text}` : "";
}
