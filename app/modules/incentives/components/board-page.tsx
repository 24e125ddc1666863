import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/numbers";
import { EmptyState, FilterBar, FilterSelect, ListTable } from "~/lib/ui/list-page";
import { BOLD, PlainText, TextLink } from "~/lib/ui/plain";
import { PERIOD_KINDS, type PeriodKind } from "../periods";

export interface BoardPersonRow {
  rank: number;
  person: { id: string; name: string } | null;
  points: number;
  isViewer: boolean;
}

export interface BoardDepartmentRow {
  rank: number;
  department: { id: string; name: string };
  points: number;
  heads: number;
  perHead: number;
}

export interface BoardData {
  period: PeriodKind;
  periodKey: string;
  department: { id: string; name: string } | null;
  departments: { id: string; name: string }[];
  people: BoardPersonRow[];
  viewer: { points: number; rank: number };
  departmentsRanked: BoardDepartmentRow[];
}

function BoardFilters({ departments }: { departments: BoardData["departments"] }) {
  const { t } = useTranslation();
  return (
    <FilterBar>
      <FilterSelect
        name="period"
        label={t("rewards.board.period")}
        fallback="month"
        options={PERIOD_KINDS.map((kind) => ({
          value: kind,
          label: t(`rewards.board.periods.${kind}`),
        }))}
      />
      <FilterSelect
        name="department"
        label={t("rewards.board.department")}
        options={departments.map((department) => ({
          value: department.id,
          label: department.name,
        }))}
      />
    </FilterBar>
  );
}

const REGULAR = { fontWeight: 400 };

function PeopleTable({ rows }: { rows: BoardPersonRow[] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyState>{t("rewards.board.noPoints")}</EmptyState>;
  return (
    <ListTable
      minWidth={320}
      data-testid="people-leaderboard"
      columns={[t("rewards.board.rank"), t("rewards.board.person"), t("rewards.board.points")]}
    >
      {rows.map((row, index) => (
        <tr key={row.person?.id ?? `hidden-${index}`} data-viewer={row.isViewer || undefined}>
          <td>{row.rank}</td>
          <td>
            {row.person ? (
              <TextLink
                to={`/rewards/people/${row.person.id}`}
                style={row.isViewer ? BOLD : REGULAR}
              >
                {row.person.name}
              </TextLink>
            ) : (
              <PlainText span color="dimmed">
                {t("rewards.board.aColleague")}
              </PlainText>
            )}
          </td>
          <td>{formatNumber(row.points, i18n.language)}</td>
        </tr>
      ))}
    </ListTable>
  );
}

function DepartmentTable({ rows }: { rows: BoardDepartmentRow[] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyState>{t("rewards.board.noPoints")}</EmptyState>;
  return (
    <ListTable
      minWidth={420}
      data-testid="department-leaderboard"
      columns={[
        t("rewards.board.rank"),
        t("rewards.board.department"),
        t("rewards.board.perHead"),
        t("rewards.board.points"),
        t("rewards.board.heads"),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.department.id}>
          <td>{row.rank}</td>
          <td>{row.department.name}</td>
          <td>{formatNumber(row.perHead, i18n.language)}</td>
          <td>{formatNumber(row.points, i18n.language)}</td>
          <td>{formatNumber(row.heads, i18n.language)}</td>
        </tr>
      ))}
    </ListTable>
  );
}

/** The incentive board: the period's leaderboards of people and of departments. */
export function BoardPage({ data }: { data: BoardData }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <BoardFilters departments={data.departments} />
      <Card withBorder padding="sm" data-testid="my-standing">
        <Group gap="xl">
          <Text>
            {t("rewards.board.yourPoints", {
              points: formatNumber(data.viewer.points, i18n.language),
            })}
          </Text>
          <Text>{t("rewards.board.yourRank", { rank: data.viewer.rank })}</Text>
        </Group>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {data.department
              ? t("rewards.board.peopleIn", { department: data.department.name })
              : t("rewards.board.people")}
          </Title>
          <PeopleTable rows={data.people} />
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("rewards.board.departments")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("rewards.board.perHeadHelp")}
          </Text>
          <DepartmentTable rows={data.departmentsRanked} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
