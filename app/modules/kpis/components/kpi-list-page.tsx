import { Button } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import type { Principal } from "~/lib/permissions";
import { can } from "~/lib/permissions";
import { FilterSelect, ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import type { KpiPeriodValue } from "../periods";
import type { KpiDirectionValue } from "../status";
import { kpiText } from "../texts";
import { KpiNav } from "./kpi-nav";

export interface KpiListData {
  viewer: Principal;
  page: { total: number; page: number; pageCount: number };
  kpis: {
    id: string;
    name: string;
    unit: string;
    direction: KpiDirectionValue;
    period: KpiPeriodValue;
    departments: number;
    initiative: { id: string; name: string } | null;
  }[];
}

/** The KPI definitions (active or archived); "New KPI" for HR and admins. */
export function KpiListPage({ data }: { data: KpiListData }) {
  const { t } = useTranslation();
  // The export holds what the list shows: active or archived.
  const archived = useSearchParams()[0].get("archived") === "1";
  return (
    <>
      <PageHeader
        title={t("kpis.list.title")}
        actions={
          <>
            <Button
              component="a"
              href={`/initiatives/kpis/definitions/export${archived ? "?archived=1" : ""}`}
              variant="light"
            >
              {t("kpis.list.export")}
            </Button>
            {can(data.viewer, "create", "Kpi") && (
              <Button component={Link} to="/initiatives/kpis/new">
                {t("kpis.list.new")}
              </Button>
            )}
          </>
        }
      />
      <KpiNav user={data.viewer} />
      <ListPage
        summary={data.page}
        isEmpty={data.kpis.length === 0}
        emptyText={t("kpis.list.empty")}
        filters={
          <FilterSelect
            name="archived"
            label={t("kpis.list.show")}
            fallback=""
            options={[
              { value: "", label: t("kpis.list.active") },
              { value: "1", label: t("kpis.list.archived") },
            ]}
          />
        }
      >
        <ListTable
          minWidth={720}
          columns={[
            t("kpis.list.name"),
            t("kpis.form.unit"),
            t("kpis.form.direction"),
            t("kpis.form.period"),
            t("kpis.list.departments"),
            t("kpis.form.initiative"),
          ]}
        >
          {data.kpis.map((kpi) => (
            <tr key={kpi.id}>
              <td>
                <TextLink to={`/initiatives/kpis/${kpi.id}`} size="sm">
                  {kpiText(t, kpi.name)}
                </TextLink>
              </td>
              <td>{kpiText(t, kpi.unit)}</td>
              <td>{t(`kpis.direction.${kpi.direction}`)}</td>
              <td>{t(`kpis.period.${kpi.period}`)}</td>
              <td>{kpi.departments}</td>
              <td>{kpi.initiative?.name ?? "—"}</td>
            </tr>
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
