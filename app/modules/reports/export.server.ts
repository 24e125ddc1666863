import type { TFunction } from "i18next";
import { csvStream, type CsvValue } from "~/lib/csv.server";
import type { Principal } from "~/lib/permissions";
import { METRIC_COLUMNS, type DerivedMetrics } from "./metrics";
import { getDashboard } from "./dashboard.server";
import { enrolmentRowBatches, type EnrolmentExportRow } from "./enrolment-export.server";
import { getPersonRecord } from "./person.server";
import type { ExportTable, ReportFilters } from "./schemas";

// CSV exports of every report table. Scope and filters are the same as on screen (the
// same module functions build them), so a manager's export never leaves their tree.

const metricHeaders = (t: TFunction) => METRIC_COLUMNS.map((key) => t(`reports.metrics.${key}`));

const metricValues = (m: DerivedMetrics): CsvValue[] => [
  m.assigned,
  m.completed,
  m.inProgress,
  m.notStarted,
  m.overdue,
  m.completionPct,
  m.onTimePct,
  m.averageScore,
];

async function* once<T>(value: T) {
  yield value;
}

const enrolmentHeader = (t: TFunction) => [
  t("fields.name"),
  t("fields.email"),
  t("fields.department"),
  t("reports.filters.course"),
  t("fields.status"),
  t("reports.assigned"),
  t("reports.due"),
  t("reports.completedOn"),
  t("reports.progress"),
  t("reports.bestScore"),
];

type StatusLabels = Record<EnrolmentExportRow["status"] | "WITHDRAWN", string>;

// Translated once per export, not per row.
const statusLabels = (t: TFunction): StatusLabels => ({
  NOT_STARTED: t("learning.status.NOT_STARTED"),
  IN_PROGRESS: t("learning.status.IN_PROGRESS"),
  COMPLETED: t("learning.status.COMPLETED"),
  OVERDUE: t("learning.status.OVERDUE"),
  EXPIRED: t("learning.status.EXPIRED"),
  WITHDRAWN: t("learning.status.WITHDRAWN"),
});

// Row dates are UTC days or ISO timestamps: the day is the first ten characters (as isoDate).
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

const enrolmentLine = (
  labels: StatusLabels,
  row: Omit<EnrolmentExportRow, "status"> & { status: keyof StatusLabels },
): CsvValue[] => [
  row.name,
  row.email,
  row.department,
  row.courseTitle,
  labels[row.status],
  day(row.assignedAt),
  day(row.dueAt),
  day(row.completedAt),
  row.progressPct,
  row.bestScore,
];

async function* enrolmentLines(
  labels: StatusLabels,
  batches: AsyncIterable<EnrolmentExportRow[]>,
): AsyncGenerator<CsvValue[][]> {
  for await (const batch of batches) yield batch.map((row) => enrolmentLine(labels, row));
}

interface CsvExport {
  name: string;
  body: ReadableStream<Uint8Array>;
}
type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

function departmentsCsv(dashboard: Dashboard, t: TFunction): CsvExport {
  const rows: CsvValue[][] = dashboard.departments.map((row) => [
    row.name,
    row.depth,
    ...metricValues(row.metrics),
  ]);
  if (dashboard.unassigned)
    rows.push([t("reports.noDepartment"), 0, ...metricValues(dashboard.unassigned)]);
  rows.push([t("reports.total"), "", ...metricValues(dashboard.total)]);
  return {
    name: "uptake-departments",
    body: csvStream([t("fields.department"), t("reports.level"), ...metricHeaders(t)], once(rows)),
  };
}

function coursesCsv(dashboard: Dashboard, t: TFunction): CsvExport {
  const rows: CsvValue[][] = dashboard.courses.map((row) => [
    row.title,
    t(`courses.category.${row.category}`),
    ...metricValues(row.metrics),
  ]);
  return {
    name: "uptake-courses",
    body: csvStream(
      [t("reports.filters.course"), t("reports.filters.category"), ...metricHeaders(t)],
      once(rows),
    ),
  };
}

async function personCsv(viewer: Principal, userId: string, t: TFunction): Promise<CsvExport> {
  // Scope is checked by loading the record (403 outside the viewer's reach).
  const first = await getPersonRecord(viewer, userId, 1);
  const labels = statusLabels(t);
  async function* pages() {
    let page = first;
    for (let n = 1; ; n++) {
      if (n > 1) page = await getPersonRecord(viewer, userId, n);
      yield page.enrolments.map((e) => [
        ...enrolmentLine(labels, e.stored === "WITHDRAWN" ? { ...e, status: "WITHDRAWN" } : e),
        e.stored === "WITHDRAWN" ? t("learning.status.WITHDRAWN") : "",
        e.attempts.length,
        e.certificate?.code ?? "",
      ]);
      if (n >= page.pageCount) return;
    }
  }
  return {
    name: `uptake-person-${first.person.email.split("@")[0]}`,
    body: csvStream(
      [
        ...enrolmentHeader(t),
        t("reports.withdrawn"),
        t("reports.attempts"),
        t("reports.certificate"),
      ],
      pages(),
    ),
  };
}

/** The CSV body and file name for one report table. */
export async function exportReport(
  viewer: Principal,
  table: ExportTable,
  filters: ReportFilters,
  t: TFunction,
  userId?: string,
): Promise<CsvExport> {
  switch (table) {
    case "departments":
    case "courses": {
      const dashboard = await getDashboard(viewer, filters, new Date(), { allCourses: true });
      return table === "departments" ? departmentsCsv(dashboard, t) : coursesCsv(dashboard, t);
    }
    case "person":
      return personCsv(viewer, userId ?? "", t);
    case "enrolments":
      return {
        name: "uptake-enrolments",
        body: csvStream(
          enrolmentHeader(t),
          enrolmentLines(statusLabels(t), await enrolmentRowBatches(viewer, filters)),
        ),
      };
  }
}
