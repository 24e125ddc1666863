import { Alert, Button, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, isFailure } from "~/lib/ui/forms";
import { EmptyState, ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { PlainBadge, PlainCard, PlainGroup, PlainText } from "~/lib/ui/plain";
import { requestBlockOf, type CatalogueActionResult } from "../catalogue-schemas";
import { RewardsTabs } from "./rewards-tabs";
import { RedemptionStatusBadge } from "./redemption-status-badge";

export interface CatalogueReward {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  cost: number;
  stock: number | null;
}

export interface OwnRedemption {
  id: string;
  cost: number;
  status: string;
  note: string;
  reason: string;
  createdAt: Date | string;
  decidedAt: Date | string | null;
  reward: { id: string; name: string };
}

export interface CataloguePageData extends ListSummary {
  viewer: Principal;
  rewards: CatalogueReward[];
  balance: number;
  pending: OwnRedemption[];
  recent: OwnRedemption[];
  requestKey: string;
  canManage: boolean;
  canRequest: boolean;
}

export const REWARD_IMAGE_SIZE = 96;
const DESCRIPTION_STYLE = { whiteSpace: "pre-wrap" as const, overflowWrap: "anywhere" as const };
const IMAGE_STYLE = {
  objectFit: "cover" as const,
  borderRadius: "var(--mantine-radius-sm)",
  flexShrink: 0,
};

/** The reward's picture at a fixed size, from HR's https link (never uploaded). */
export function RewardImage({ url, name }: { url: string; name: string }) {
  if (!url) return null;
  return (
    <img
      src={url}
      alt={name}
      width={REWARD_IMAGE_SIZE}
      height={REWARD_IMAGE_SIZE}
      loading="lazy"
      referrerPolicy="no-referrer"
      style={IMAGE_STYLE}
    />
  );
}

function StockText({ stock }: { stock: number | null }) {
  const { t } = useTranslation();
  if (stock === null) return <>{t("rewards.catalogue.unlimited")}</>;
  if (stock <= 0) return <>{t("rewards.catalogue.outOfStockLabel")}</>;
  return <>{t("rewards.catalogue.stockLeft", { count: stock })}</>;
}

function RewardCard({
  reward,
  balance,
  requestKey,
  canRequest,
}: {
  reward: CatalogueReward;
  balance: number;
  requestKey: string;
  canRequest: boolean;
}) {
  const { t } = useTranslation();
  const block = requestBlockOf(reward, balance);
  const reasonId = `reward-${reward.id}-blocked`;
  return (
    <PlainCard data-testid="reward-card" data-reward={reward.id}>
      <PlainGroup align="flex-start" wrap="nowrap" mb="xs">
        <RewardImage url={reward.imageUrl} name={reward.name} />
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h4">
            {reward.name}
          </Title>
          <PlainGroup gap="xs">
            <PlainBadge color="teal">
              {t("rewards.catalogue.points", { count: reward.cost })}
            </PlainBadge>
            <PlainText size="sm" color="dimmed" testId="reward-stock">
              <StockText stock={reward.stock} />
            </PlainText>
          </PlainGroup>
        </div>
      </PlainGroup>
      {reward.description && (
        <Text size="sm" mb="sm" style={DESCRIPTION_STYLE}>
          {reward.description}
        </Text>
      )}
      {canRequest && (
        <Form method="post">
          <input type="hidden" name="intent" value="request" />
          <input type="hidden" name="rewardId" value={reward.id} />
          <input type="hidden" name="requestKey" value={requestKey} />
          <Button
            type="submit"
            size="sm"
            disabled={block !== null}
            aria-label={t("rewards.catalogue.requestFor", { name: reward.name })}
            aria-describedby={block ? reasonId : undefined}
          >
            {t("rewards.catalogue.request")}
          </Button>
          {block && (
            <PlainText size="sm" color="dimmed" mt="xs">
              <span id={reasonId} data-testid="request-blocked">
                {block === "stock"
                  ? t("rewards.catalogue.blockedStock")
                  : t("rewards.catalogue.blockedBalance", { count: reward.cost - balance })}
              </span>
            </PlainText>
          )}
        </Form>
      )}
    </PlainCard>
  );
}

function ActionAlerts({ actionData }: { actionData: CatalogueActionResult }) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "request", "cancel");
  if (!answer) return null;
  if (isFailure(answer)) {
    return (
      <Alert color="red" role="alert">
        {t(answer.formError)}
      </Alert>
    );
  }
  return (
    <Alert color="teal" role="status">
      {answer.intent === "request"
        ? t("rewards.catalogue.requested")
        : t("rewards.catalogue.cancelled")}
    </Alert>
  );
}

function MyRequests({ pending, recent }: { pending: OwnRedemption[]; recent: OwnRedemption[] }) {
  const { t, i18n } = useTranslation();
  const columns = [
    t("rewards.catalogue.columns.reward"),
    t("rewards.catalogue.columns.cost"),
    t("rewards.catalogue.columns.requested"),
    t("rewards.catalogue.columns.status"),
    t("rewards.catalogue.columns.detail"),
  ];
  return (
    <section id="my-requests" aria-labelledby="my-requests-title">
      <Title order={2} size="h3" mb="sm" id="my-requests-title">
        {t("rewards.catalogue.myRequests")}
      </Title>
      {pending.length === 0 ? (
        <EmptyState>{t("rewards.catalogue.pendingEmpty")}</EmptyState>
      ) : (
        <ListTable minWidth={560} columns={[...columns.slice(0, 4), ""]} data-testid="my-pending">
          {pending.map((row) => (
            <tr key={row.id} data-redemption={row.id}>
              <td>{row.reward.name}</td>
              <td>{t("rewards.catalogue.points", { count: row.cost })}</td>
              <td>{formatDate(row.createdAt, i18n.language)}</td>
              <td>
                <RedemptionStatusBadge status={row.status} />
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="redemptionId" value={row.id} />
                  <Button
                    type="submit"
                    size="compact-sm"
                    variant="light"
                    color="red"
                    aria-label={t("rewards.catalogue.cancelFor", { name: row.reward.name })}
                  >
                    {t("rewards.catalogue.cancel")}
                  </Button>
                </Form>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {recent.length > 0 && (
        <>
          <Title order={3} size="h4" mt="md" mb="xs">
            {t("rewards.catalogue.recent")}
          </Title>
          <ListTable minWidth={560} columns={columns} data-testid="my-recent">
            {recent.map((row) => (
              <tr key={row.id} data-redemption={row.id}>
                <td>{row.reward.name}</td>
                <td>{t("rewards.catalogue.points", { count: row.cost })}</td>
                <td>{formatDate(row.createdAt, i18n.language)}</td>
                <td>
                  <RedemptionStatusBadge status={row.status} />
                </td>
                <td style={DESCRIPTION_STYLE}>{row.note || row.reason}</td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
    </section>
  );
}

/** /rewards/catalogue: the rewards on offer, the viewer's balance and their requests. */
export function CataloguePage({
  data,
  actionData,
}: {
  data: CataloguePageData;
  actionData: CatalogueActionResult;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <RewardsTabs user={data.viewer} />
      <PageHeader
        title={t("rewards.catalogue.title")}
        actions={
          data.canManage && (
            <Button component={Link} to="/rewards/catalogue/manage" variant="light">
              {t("rewards.catalogue.manageLink")}
            </Button>
          )
        }
      />
      <Text data-testid="balance">{t("rewards.catalogue.balance", { count: data.balance })}</Text>
      <Text size="sm" c="dimmed">
        {t("rewards.catalogue.intro")}
      </Text>
      <ActionAlerts actionData={actionData} />
      <ListPage
        summary={data}
        isEmpty={data.rewards.length === 0}
        emptyText={t("rewards.catalogue.empty")}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="reward-grid">
          {data.rewards.map((reward) => (
            <RewardCard
              key={reward.id}
              reward={reward}
              balance={data.balance}
              requestKey={data.requestKey}
              canRequest={data.canRequest}
            />
          ))}
        </SimpleGrid>
      </ListPage>
      <MyRequests pending={data.pending} recent={data.recent} />
    </Stack>
  );
}
