import { Badge, Button, Group } from "@mantine/core";
import { Link } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import {
  FilterSelect,
  FilterText,
  ListPage,
  ListTable,
  type ListSummary,
} from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { INITIATIVE_STATUSES } from "../schemas";

export interface InitiativeListRow {
  id: string;
  name: string;
  status: string;
  startDate: string;
  owner: string | null;
  targets: number;
  courses: number;
}

export const STATUS_COLORS: Record<string, string> = {
  PLANNED: "gray",
  ACTIVE: "teal",
  CLOSED: "dark",
};

/** The initiatives list: filters (status, name), a table, pages; "New" for HR and admins. */
export function InitiativeListPage({
  data,
  canCreate,
  canReadKpis,
}: {
  data: ListSummary & { initiatives: InitiativeListRow[] };
  canCreate: boolean;
  /** The customer KPI board is one click away for those who may see it. */
  canReadKpis: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <PageHeader
        title={t("initiatives.list.title")}
        actions={
          <Group gap="xs">
            {canReadKpis && (
              <Button component={Link} to="/initiatives/kpis" variant="light">
                {t("initiatives.list.kpis")}
              </Button>
            )}
            {canCreate && (
              <Button component={Link} to="/initiatives/new">
                {t("initiatives.list.new")}
              </Button>
            )}
          </Group>
        }
      />
      <ListPage
        summary={data}
        isEmpty={data.initiatives.length === 0}
        filters={
          <>
            <FilterText name="q" label={t("initiatives.list.search")} />
            <FilterSelect
              name="status"
              label={t("initiatives.list.status")}
              options={INITIATIVE_STATUSES.map((status) => ({
                value: status,
                label: t(`initiatives.status.${status}`),
              }))}
            />
          </>
        }
      >
        <ListTable
          minWidth={720}
          columns={[
            t("initiatives.list.name"),
            t("initiatives.list.status"),
            t("initiatives.list.owner"),
            t("initiatives.list.startDate"),
            t("initiatives.list.targets"),
            t("initiatives.list.courses"),
          ]}
        >
          {data.initiatives.map((row) => (
            <tr key={row.id}>
              <td>
                <TextLink to={`/initiatives/${row.id}`}>{row.name}</TextLink>
              </td>
              <td>
                <Badge color={STATUS_COLORS[row.status]} variant="light">
                  {t(`initiatives.status.${row.status}`)}
                </Badge>
              </td>
              <td>{row.owner ?? t("initiatives.list.noOwner")}</td>
              <td>{formatDate(row.startDate, i18n.language)}</td>
              <td>{row.targets}</td>
              <td>{row.courses}</td>
            </tr>
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
