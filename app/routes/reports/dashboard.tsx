import { Anchor, Button, Group, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import {
  DashboardCharts,
  ReportFilterBar,
  useFilterQuery,
  MetricCells,
  MetricHeaders,
  reportFiltersSchema,
} from "~/modules/reports";
import { getDashboard, reportFilterOptions } from "~/modules/reports/index.server";
import { ScrollTable } from "~/lib/ui/scroll-table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = parseQuery(request, reportFiltersSchema);
  return runLoader(async () => {
    const [dashboard, options] = await Promise.all([
      getDashboard(user, filters),
      reportFilterOptions(user),
    ]);
    return { ...dashboard, options };
  });
}

export default function ReportsDashboard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const query = useFilterQuery();
  const departmentQuery = useFilterQuery({ department: null });
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
      <ReportFilterBar departments={data.options.departments} courses={data.options.courses} />
      <DashboardCharts charts={data.charts} />

      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("reports.byDepartment")}
        </Title>
        <Anchor href={`/reports/export/departments${query}`} download size="sm">
          {t("reports.exportCsv")}
        </Anchor>
      </Group>
      <ScrollTable minWidth={900} mb="lg">
        <Table striped highlightOnHover data-testid="department-report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("fields.department")}</Table.Th>
              <MetricHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.departments.map((row) => (
              <Table.Tr key={row.id} data-department={row.name}>
                <Table.Td style={{ paddingLeft: 12 + row.depth * 18 }}>
                  <Anchor component={Link} to={`/reports/departments/${row.id}${departmentQuery}`}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <MetricCells metrics={row.metrics} />
              </Table.Tr>
            ))}
            {data.unassigned && (
              <Table.Tr>
                <Table.Td>
                  <Text c="dimmed" size="sm">
                    {t("reports.noDepartment")}
                  </Text>
                </Table.Td>
                <MetricCells metrics={data.unassigned} />
              </Table.Tr>
            )}
            <Table.Tr data-department="__total" fw={700}>
              <Table.Td>{t("reports.total")}</Table.Td>
              <MetricCells metrics={data.total} />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </ScrollTable>

      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t("reports.byCourse")}
        </Title>
        <Anchor href={`/reports/export/courses${query}`} download size="sm">
          {t("reports.exportCsv")}
        </Anchor>
      </Group>
      <ScrollTable minWidth={900}>
        <Table striped highlightOnHover data-testid="course-report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reports.filters.course")}</Table.Th>
              <MetricHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.courses.map((row) => (
              <Table.Tr key={row.id} data-course={row.title}>
                <Table.Td>
                  <Anchor component={Link} to={`/reports/courses/${row.id}${query}`}>
                    {row.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`courses.category.${row.category}`)}
                  </Text>
                </Table.Td>
                <MetricCells metrics={row.metrics} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {data.courses.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.noResults")}
        </Text>
      )}
      <UrlPagination page={data.coursePage} pageCount={data.coursePageCount} />
      <Text size="xs" c="dimmed" mt="md">
        {t("reports.definitions")}
      </Text>
    </>
  );
}
