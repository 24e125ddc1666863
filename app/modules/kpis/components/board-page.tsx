import { Anchor, Button, Group, Text } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { can, type Principal } from "~/lib/permissions";
import { FilterSelect, ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, PlainGroup, TextLink } from "~/lib/ui/plain";
import { KPI_IMPORT_PATH } from "../import";
import { periodKey, type KpiPeriodValue } from "../periods";
import { KPI_STATUSES, type KpiStatusValue } from "../status";
import { formatKpiChange, formatKpiValue, kpiText } from "../texts";
import { KpiNav } from "./kpi-nav";
import { KpiStatusBadge } from "./kpi-status-badge";
import { SENSE_COLORS } from "./sense";

export interface BoardPageRow {
  kpiId: string;
  kpiName: string;
  unit: string;
  precision: number;
  period: KpiPeriodValue;
  departmentId: string;
  departmentName: string;
  depth: number;
  baselineValue: number | null;
  targetValue: number | null;
  targetOn: Date | string | null;
  latestValue: number | null;
  latestPeriod: Date | string | null;
  expectedValue: number | null;
  change: number | null;
  changeSense: number;
  status: KpiStatusValue;
}

export interface BoardPageData {
  page: { total: number; page: number; pageCount: number };
  rows: BoardPageRow[];
  counts: Record<KpiStatusValue, number>;
  kpiChoices: { id: string; name: string }[];
  departmentChoices: { id: string; name: string; depth: number }[];
  viewer: Principal;
  canExport: boolean;
}

/**
 * The company KPI board: every KPI × department in reach with its latest value, change since
 * baseline and status. A department name drills down to it and its sub-departments; the KPI
 * opens its chart for that department.
 */
export function KpiBoardPage({ data }: { data: BoardPageData }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  /** This page's URL with some filters changed ("" removes one), back on page 1. */
  const linkWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("page");
    return `?${next}` as const;
  };
  const exportLink = `/initiatives/kpis/export?${new URLSearchParams(
    [...params].filter(([key]) => key !== "page"),
  )}`;
  return (
    <>
      <PageHeader
        title={t("kpis.board.title")}
        actions={
          <Group gap="xs">
            {can(data.viewer, "import", "KpiActual") && (
              <Button component={Link} to={KPI_IMPORT_PATH} variant="light">
                {t("kpis.nav.import")}
              </Button>
            )}
            {data.canExport && (
              <Button component="a" href={exportLink} variant="light">
                {t("kpis.board.export")}
              </Button>
            )}
          </Group>
        }
      />
      <KpiNav user={data.viewer} />
      <Text size="sm" c="dimmed" mb="sm">
        {t("kpis.board.rule")}
      </Text>
      <Group gap="xs" mb="md" aria-label={t("kpis.board.statusSummary")}>
        {KPI_STATUSES.map((status) => (
          <Anchor key={status} component={Link} to={linkWith({ status })} size="sm">
            <PlainGroup gap="xs">
              <KpiStatusBadge status={status} />
              <span data-testid={`status-count-${status}`}>{data.counts[status]}</span>
            </PlainGroup>
          </Anchor>
        ))}
      </Group>
      <ListPage
        summary={data.page}
        isEmpty={data.rows.length === 0}
        emptyText={t("kpis.board.empty")}
        filters={
          <>
            <FilterSelect
              name="kpi"
              label={t("kpis.board.kpi")}
              options={data.kpiChoices.map((k) => ({ value: k.id, label: kpiText(t, k.name) }))}
            />
            <FilterSelect
              name="department"
              label={t("kpis.board.department")}
              options={data.departmentChoices.map((d) => ({
                value: d.id,
                label: `${"\u2003".repeat(d.depth)}${d.name}`,
              }))}
            />
            <FilterSelect
              name="status"
              label={t("kpis.board.status")}
              options={KPI_STATUSES.map((s) => ({ value: s, label: t(`kpis.status.${s}`) }))}
            />
          </>
        }
      >
        <ListTable
          minWidth={900}
          columns={[
            t("kpis.board.department"),
            t("kpis.board.kpi"),
            t("kpis.board.baseline"),
            t("kpis.board.latest"),
            t("kpis.board.change"),
            t("kpis.board.target"),
            t("kpis.board.status"),
          ]}
        >
          {data.rows.map((row) => {
            const shown = { precision: row.precision, unit: row.unit };
            return (
              <tr key={`${row.kpiId}:${row.departmentId}`} data-testid="kpi-board-row">
                <td style={{ paddingLeft: `calc(${row.depth} * 1rem + 0.5rem)` }}>
                  <TextLink to={linkWith({ department: row.departmentId })} size="sm">
                    {row.departmentName}
                  </TextLink>
                </td>
                <td>
                  <TextLink
                    to={`/initiatives/kpis/${row.kpiId}/departments/${row.departmentId}`}
                    size="sm"
                  >
                    {kpiText(t, row.kpiName)}
                  </TextLink>
                </td>
                <td style={ALIGN_END}>
                  {formatKpiValue(t, row.baselineValue, shown, i18n.language)}
                </td>
                <td style={ALIGN_END}>
                  {formatKpiValue(t, row.latestValue, shown, i18n.language)}
                  {row.latestPeriod && (
                    <DimmedText>{periodKey(new Date(row.latestPeriod), row.period)}</DimmedText>
                  )}
                </td>
                <td style={{ ...ALIGN_END, color: SENSE_COLORS[row.changeSense as -1 | 0 | 1] }}>
                  {formatKpiChange(row.change, row.precision, i18n.language)}
                </td>
                <td style={ALIGN_END}>
                  {formatKpiValue(t, row.targetValue, shown, i18n.language)}
                  {row.targetOn && (
                    <DimmedText>{formatDate(row.targetOn, i18n.language)}</DimmedText>
                  )}
                </td>
                <td>
                  <KpiStatusBadge status={row.status} />
                </td>
              </tr>
            );
          })}
        </ListTable>
      </ListPage>
      {params.get("department") && (
        <TextLink to={linkWith({ department: "" })} size="sm">
          {t("kpis.board.allDepartments")}
        </TextLink>
      )}
    </>
  );
}
