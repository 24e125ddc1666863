import { Anchor, Button, Group, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { DimmedText, PlainTable, TextLink } from "~/lib/ui/plain";
import { ScrollTable } from "~/lib/ui/scroll-table";
import type { DerivedMetrics } from "../metrics";
import { DashboardCharts, type DashboardChartsData } from "./charts";
import { ReportFilterBar, useFilterQuery, type ReportPickers } from "./filter-bar";
import { MetricCells, MetricHeaders } from "./metric-cells";

/** What the dashboard shows (getDashboard's result and the filter options). */
export interface DashboardView {
  total: DerivedMetrics;
  unassigned: DerivedMetrics | null;
  departments: { id: string; name: string; depth: number; metrics: DerivedMetrics }[];
  courses: { id: string; title: string; category: string; metrics: DerivedMetrics }[];
  coursePage: number;
  coursePageCount: number;
  charts: DashboardChartsData;
  /** The chosen department and course, for the filter pickers. */
  selected: Required<ReportPickers>;
}

/** A table's title with the CSV export of the same rows. */
function TableHeading({ title, exportHref }: { title: string; exportHref: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Anchor href={exportHref} download size="sm">
        {t("reports.exportCsv")}
      </Anchor>
    </Group>
  );
}

/** A table of counters per row: the row's name, then the metric columns. */
function MetricTable({
  testId,
  nameHeader,
  mb,
  children,
}: {
  testId: string;
  nameHeader: string;
  mb?: string;
  children: ReactNode;
}) {
  return (
    <ScrollTable minWidth={900} mb={mb}>
      <PlainTable striped highlightOnHover data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <MetricHeaders />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </PlainTable>
    </ScrollTable>
  );
}

function DepartmentTable({ data }: { data: DashboardView }) {
  const { t } = useTranslation();
  const departmentQuery = useFilterQuery({ department: null });
  return (
    <MetricTable testId="department-report" nameHeader={t("fields.department")} mb="lg">
      {data.departments.map((row) => (
        <tr key={row.id} data-department={row.name}>
          <td style={{ paddingLeft: 12 + row.depth * 18 }}>
            <TextLink to={`/reports/departments/${row.id}${departmentQuery}`}>{row.name}</TextLink>
          </td>
          <MetricCells metrics={row.metrics} />
        </tr>
      ))}
      {data.unassigned && (
        <tr>
          <td>
            <DimmedText size="sm">{t("reports.noDepartment")}</DimmedText>
          </td>
          <MetricCells metrics={data.unassigned} />
        </tr>
      )}
      <tr data-department="__total" style={{ fontWeight: 700 }}>
        <td>{t("reports.total")}</td>
        <MetricCells metrics={data.total} />
      </tr>
    </MetricTable>
  );
}

function CourseTable({ courses }: { courses: DashboardView["courses"] }) {
  const { t } = useTranslation();
  const query = useFilterQuery();
  return (
    <MetricTable testId="course-report" nameHeader={t("reports.filters.course")}>
      {courses.map((row) => (
        <tr key={row.id} data-course={row.title}>
          <td>
            <TextLink to={`/reports/courses/${row.id}${query}`}>{row.title}</TextLink>
            <DimmedText>{t(`courses.category.${row.category}`)}</DimmedText>
          </td>
          <MetricCells metrics={row.metrics} />
        </tr>
      ))}
    </MetricTable>
  );
}

/** The completion dashboard: filters, charts, the department tree and the courses. */
export function DashboardPage({ data }: { data: DashboardView }) {
  const { t } = useTranslation();
  const query = useFilterQuery();
  return (
    <>
      <PageHeader
        title={t("reports.title")}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/reports/overdue${query}`} variant="light" color="red">
              {t("reports.overdueList")} ({data.total.overdue})
            </Button>
          </Group>
        }
      />
      <ReportFilterBar pickers={data.selected} />
      <DashboardCharts charts={data.charts} />
      <TableHeading
        title={t("reports.byDepartment")}
        exportHref={`/reports/export/departments${query}`}
      />
      <DepartmentTable data={data} />
      <TableHeading title={t("reports.byCourse")} exportHref={`/reports/export/courses${query}`} />
      <CourseTable courses={data.courses} />
      {data.courses.length === 0 && <EmptyState>{t("common.noResults")}</EmptyState>}
      <UrlPagination page={data.coursePage} pageCount={data.coursePageCount} />
      <Text size="xs" c="dimmed" mt="md">
        {t("reports.definitions")}
      </Text>
    </>
  );
}
