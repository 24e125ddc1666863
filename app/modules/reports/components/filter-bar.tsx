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
          <NativeSelect
            name="department"
            label={t("fields.department")}
            defaultValue={value("department")}
            data={[
              { value: "", label: t("common.all") },
              ...departments.map((d) => ({ value: d.id, label: d.name ?? d.id })),
            ]}
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
          <NativeSelect
            name="course"
            label={t("reports.filters.course")}
            defaultValue={value("course")}
            data={[
              { value: "", label: t("common.all") },
              ...courses.map((c) => ({ value: c.id, label: c.title ?? c.id })),
            ]}
            maw={260}
          />
        )}
        <NativeSelect
          name="category"
          label={t("reports.filters.category")}
          defaultValue={value("category")}
          data={[
            { value: "", label: t("common.all") },
            ...CATEGORIES.map((c) => ({ value: c, label: t(`courses.category.${c}`) })),
          ]}
        />
        {show.status && (
          <NativeSelect
            name="status"
            label={t("fields.status")}
            defaultValue={value("status")}
            data={[
              { value: "", label: t("common.all") },
              ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) })),
            ]}
          />
        )}
        <TextInput
          name="from"
          type="month"
          label={t("reports.filters.from")}
          defaultValue={value("from")}
          w={170}
        />
        <TextInput
          name="to"
          type="month"
          label={t("reports.filters.to")}
          defaultValue={value("to")}
          w={170}
        />
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
