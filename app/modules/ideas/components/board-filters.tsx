import { Box, Checkbox } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect, FilterText } from "~/lib/ui/list-page";
import { IDEA_CATEGORIES, IDEA_SORTS, IDEA_STATUSES } from "../schemas";

/** A "show only" checkbox of the board, checked when the URL has it. */
function FilterCheckbox({ name, label }: { name: string; label: string }) {
  const [params] = useSearchParams();
  return (
    <Checkbox
      name={name}
      value="1"
      label={label}
      defaultChecked={params.get(name) === "1"}
      mb={8}
    />
  );
}

/** The board's filters, read from and sent as the URL's query (the list kit's FilterBar). */
export function BoardFilters({ departments }: { departments: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <Box data-testid="idea-filters">
      <FilterBar>
        <FilterText name="q" label={t("common.search")} />
        {/* No status: every open one (merged duplicates stay off the board), not "All". */}
        <FilterSelect
          name="status"
          label={t("fields.status")}
          fallback=""
          options={[
            { value: "", label: t("ideas.allOpenStatuses") },
            ...IDEA_STATUSES.map((s) => ({ value: s, label: t(`ideas.status.${s}`) })),
          ]}
        />
        <FilterSelect
          name="category"
          label={t("ideas.fields.category")}
          options={IDEA_CATEGORIES.map((c) => ({ value: c, label: t(`ideas.category.${c}`) }))}
        />
        <FilterSelect
          name="department"
          label={t("fields.department")}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <FilterSelect
          name="sort"
          label={t("ideas.sort.label")}
          fallback="top"
          options={IDEA_SORTS.map((s) => ({ value: s, label: t(`ideas.sort.${s}`) }))}
        />
        <FilterCheckbox name="mine" label={t("ideas.mine")} />
        <FilterCheckbox name="voted" label={t("ideas.voted")} />
      </FilterBar>
    </Box>
  );
}
