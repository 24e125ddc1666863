import { Anchor, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { EmptyState, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import type { DerivedMetrics } from "../metrics";
import { BackToReports } from "./back-to-reports";
import { EnrolmentTable, type EnrolmentRowView } from "./enrolment-table";
import { ReportFilterBar, useFilterQuery } from "./filter-bar";
import { SummaryStats } from "./summary";

/** A drill-down page: totals, filters, the people table with its CSV export (enrolments), pages. */
export function DrillDown({
  title,
  summary,
  list,
  exportFilters = {},
  courses,
  departments,
}: {
  /** The department or course. */
  title: string;
  summary: DerivedMetrics;
  list: { rows: EnrolmentRowView[]; total: number; page: number; pageCount: number };
  /** Filters the page takes from its URL path (its department or course), for the export. */
  exportFilters?: Record<string, string>;
  courses?: { id: string; title: string }[];
  departments?: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const query = useFilterQuery(exportFilters);
  return (
    <>
      <BackToReports />
      <PageHeader title={title} />
      <SummaryStats metrics={summary} />
      <ReportFilterBar
        courses={courses}
        departments={departments}
        show={{ course: !!courses, department: !!departments, status: true, search: true }}
      />
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
