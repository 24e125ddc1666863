import { Anchor, Checkbox, Group, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { parseQuery, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import {
  handleReportAction,
  listEnrolmentRows,
  reportFilterOptions,
} from "~/modules/reports/index.server";
import {
  EnrolmentTable,
  ReportFilterBar,
  useFilterQuery,
  RemindForm,
  reportFiltersSchema,
} from "~/modules/reports";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  const filters = { ...parseQuery(request, reportFiltersSchema), status: "OVERDUE" as const };
  return runLoader(async () => {
    const [list, options] = await Promise.all([
      listEnrolmentRows(user, filters),
      reportFilterOptions(user),
    ]);
    return { list, options };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Reminder");
  return runAction(() => handleReportAction(request, user, false), "remind");
}

export default function OverdueList() {
  const { t } = useTranslation();
  const { list, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const query = useFilterQuery({ status: "OVERDUE" });
  const toggle = (id: string, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOnPage = list.rows.length > 0 && list.rows.every((row) => selected.has(row.id));
  return (
    <>
      <Anchor component={Link} to="/reports" size="sm">
        ← {t("reports.title")}
      </Anchor>
      <PageHeader title={t("reports.overdueList")} />
      <ReportFilterBar
        departments={options.departments}
        courses={options.courses}
        show={{ department: true, course: true, search: true }}
      />
      <Group justify="space-between" mb="xs" align="flex-end">
        <Group>
          <Checkbox
            label={t("reports.remind.selectPage")}
            checked={allOnPage}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              setSelected(checked ? new Set(list.rows.map((row) => row.id)) : new Set());
            }}
          />
          <Text size="sm" c="dimmed">
            {t("common.resultCount", { count: list.total })}
          </Text>
        </Group>
        <Anchor href={`/reports/export/enrolments${query}`} download size="sm">
          {t("reports.exportCsv")}
        </Anchor>
      </Group>
      <RemindForm enrolmentIds={[...selected]} actionData={actionData} />
      <EnrolmentTable rows={list.rows} selectable selected={selected} onToggle={toggle} />
      {list.rows.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("reports.noOverdue")}
        </Text>
      )}
      <UrlPagination page={list.page} pageCount={list.pageCount} />
    </>
  );
}
