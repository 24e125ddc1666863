import { Box, TextInput } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect, FilterText } from "~/lib/ui/list-page";
import { SearchPicker, type PickerOption } from "~/lib/ui/search-picker";
import { CATEGORIES } from "~/modules/courses";
import { REPORT_STATUSES } from "../schemas";

/**
 * The department and course pickers a report shows, each with its chosen value (null: all);
 * a picker left out (undefined) is not shown (a drill-down's own department or course).
 */
export interface ReportPickers {
  department?: PickerOption | null;
  course?: PickerOption | null;
}

/** A month of assignment (inclusive), "YYYY-MM" (the kit's FilterText has no month type). */
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
  pickers,
  show = { status: false, search: false },
}: {
  pickers: ReportPickers;
  show?: { status?: boolean; search?: boolean };
}) {
  const { t } = useTranslation();
  return (
    <Box data-testid="report-filters">
      <FilterBar>
        {show.search && <FilterText name="q" label={t("reports.filters.person")} />}
        {pickers.department !== undefined && (
          <SearchPicker
            name="department"
            label={t("fields.department")}
            source="/reports/options?kind=department"
            selected={pickers.department}
          />
        )}
        <FilterSelect
          name="sub"
          label={t("reports.filters.subDepartments")}
          fallback="1"
          options={[
            { value: "1", label: t("reports.filters.includeSub") },
            { value: "0", label: t("reports.filters.excludeSub") },
          ]}
        />
        {pickers.course !== undefined && (
          <SearchPicker
            name="course"
            label={t("reports.filters.course")}
            source="/reports/options?kind=course"
            selected={pickers.course}
          />
        )}
        <FilterSelect
          name="category"
          label={t("reports.filters.category")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`courses.category.${c}`) }))}
        />
        {show.status && (
          <FilterSelect
            name="status"
            label={t("fields.status")}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`learning.status.${s}`) }))}
          />
        )}
        <MonthInput name="from" label={t("reports.filters.from")} />
        <MonthInput name="to" label={t("reports.filters.to")} />
      </FilterBar>
    </Box>
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
