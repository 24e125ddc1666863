import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/lib/dates";
import { formatNumber } from "~/lib/numbers";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { signedPoints } from "../ledger-admin";
import { BadgeList, type BadgeListItem } from "./badge-list";
import { PointsFilterFields } from "./points-filter-fields";

export interface PointsHistoryRow {
  id: string;
  points: number;
  kind: string;
  sourceType: string;
  reason: string;
  createdAt: string | Date;
}

export interface MyPointsData extends ListSummary {
  balance: number;
  allowance: { allowance: number; used: number; left: number };
  entries: PointsHistoryRow[];
  badges: BadgeListItem[];
  pending: { id: string; cost: number; createdAt: string | Date; reward: string }[];
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** My points: balance, allowance, badges, pending requests and the history. */
export function MyPointsPage({ data }: { data: MyPointsData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure
          label={t("rewards.points.balance")}
          value={formatNumber(data.balance, language)}
          testId="points-balance"
        />
        <Figure
          label={t("rewards.points.allowanceLeft")}
          value={t("rewards.points.allowanceOf", {
            left: formatNumber(data.allowance.left, language),
            allowance: formatNumber(data.allowance.allowance, language),
          })}
          testId="allowance-left"
        />
        <Figure
          label={t("rewards.points.pending")}
          value={formatNumber(data.pending.length, language)}
          testId="pending-count"
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t("rewards.points.allowanceHelp")}
      </Text>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("rewards.points.badges")}
        </Title>
        <BadgeList badges={data.badges} />
      </Stack>
      {data.pending.length > 0 && (
        <Stack gap="xs" data-testid="pending-redemptions">
          <Title order={2} size="h4">
            {t("rewards.points.pendingTitle")}
          </Title>
          {data.pending.map((request) => (
            <Group key={request.id} gap="md">
              <Text>{request.reward}</Text>
              <Text c="dimmed">
                {t("rewards.points.held", { points: formatNumber(request.cost, language) })}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDate(request.createdAt, language)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <Title order={2} size="h4">
        {t("rewards.points.history")}
      </Title>
      <ListPage
        summary={data}
        filters={<PointsFilterFields />}
        isEmpty={data.entries.length === 0}
        emptyText={t("rewards.points.empty")}
      >
        <ListTable
          minWidth={560}
          data-testid="points-history"
          columns={[
            t("rewards.points.when"),
            t("rewards.points.points"),
            t("rewards.points.kind"),
            t("rewards.points.source"),
            t("rewards.points.reason"),
          ]}
        >
          {data.entries.map((entry) => (
            <tr key={entry.id} data-kind={entry.kind}>
              <td>{formatDateTime(entry.createdAt, language)}</td>
              <td>{signedPoints(entry.points)}</td>
              <td>{t(`rewards.ledger.kinds.${entry.kind}`)}</td>
              <td>
                {t(`rewards.ledger.sources.${entry.sourceType}`, {
                  defaultValue: entry.sourceType,
                })}
              </td>
              <td>{entry.reason}</td>
            </tr>
          ))}
        </ListTable>
      </ListPage>
    </Stack>
  );
}
