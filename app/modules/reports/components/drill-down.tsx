import { Anchor, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { EmptyState, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import type { DerivedMetrics } from "../metrics";
import { BackToReports } from "./back-to-reports";
import { EnrolmentTable, type EnrolmentRowView } from "./enrolment-table";
import { ReportFilterBar, useFilterQuery, type ReportPickers } from "./filter-bar";
import { SummaryStats } from "./summary";

/** A drill-down page: totals, filters, the people table with its CSV export (enrolments), pages. */
export function DrillDown({
  title,
  summary,
  list,
  exportFilters = {},
  pickers,
}: {
  /** The department or course. */
  title: string;
  summary: DerivedMetrics;
  list: { rows: EnrolmentRowView[]; total: number; page: number; pageCount: number };
  /** Filters the page takes from its URL path (its department or course), for the export. */
  exportFilters?: Record<string, string>;
  /** The picker the page shows: the course on a department's page, and vice versa. */
  pickers: ReportPickers;
}) {
  const { t } = useTranslation();
  const query = useFilterQuery(exportFilters);
  return (
    <>
      <BackToReports />
      <PageHeader title={title} />
      <SummaryStats metrics={summary} />
      <ReportFilterBar pickers={pickers} show={{ status: true, search: true }} />
      <Group justify="space-between" mb="xs">
        <ResultCount total={list.total} />
        <Anchor
          href={`/reports/export/enrolments${query}`}
          download
          size="sm"
          data-testid="export-link"
        >
          {t("reports.exportCsv")}
        </Anchor>
      </Group>
      <EnrolmentTable rows={list.rows} />
      {list.rows.length === 0 && <EmptyState>{t("common.noResults")}</EmptyState>}
      <UrlPagination page={list.page} pageCount={list.pageCount} />
    </>
  );
}
