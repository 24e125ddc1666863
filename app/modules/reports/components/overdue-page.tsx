import { Anchor, Checkbox, Group } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { BackToReports } from "./back-to-reports";
import { EnrolmentTable, type EnrolmentRowView } from "./enrolment-table";
import { ReportFilterBar, useFilterQuery, type ReportPickers } from "./filter-bar";
import { RemindForm } from "./remind-form";
import type { ReminderAnswer } from "../schemas";

/** The selected rows of a page: toggle one, or all on the page at once. */
function useSelection() {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const setAll = (ids: string[]) => setSelected(new Set(ids));
  return { selected, toggle, setAll };
}

/** The overdue list: every overdue enrolment in reach, with reminders for the selection. */
export function OverduePage({
  list,
  pickers,
  actionData,
}: {
  list: { rows: EnrolmentRowView[]; total: number; page: number; pageCount: number };
  pickers: Required<ReportPickers>;
  actionData: ReminderAnswer | undefined;
}) {
  const { t } = useTranslation();
  const { selected, toggle, setAll } = useSelection();
  const query = useFilterQuery({ status: "OVERDUE" });
  const allOnPage = list.rows.length > 0 && list.rows.every((row) => selected.has(row.id));
  return (
    <>
      <BackToReports />
      <PageHeader title={t("reports.overdueList")} />
      <ReportFilterBar pickers={pickers} show={{ search: true }} />
      <Group justify="space-between" mb="xs" align="flex-end">
        <Group>
          <Checkbox
            label={t("reports.remind.selectPage")}
            checked={allOnPage}
            onChange={(event) =>
              setAll(event.currentTarget.checked ? list.rows.map((r) => r.id) : [])
            }
          />
          <ResultCount total={list.total} />
        </Group>
        <Anchor href={`/reports/export/enrolments${query}`} download size="sm">
          {t("reports.exportCsv")}
        </Anchor>
      </Group>
      <RemindForm enrolmentIds={[...selected]} actionData={actionData} />
      <EnrolmentTable rows={list.rows} selectable selected={selected} onToggle={toggle} />
      {list.rows.length === 0 && <EmptyState>{t("reports.noOverdue")}</EmptyState>}
      <UrlPagination page={list.page} pageCount={list.pageCount} />
    </>
  );
}
