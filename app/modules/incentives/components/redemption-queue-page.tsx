import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { FilterSelect, ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { PlainText, TextLink } from "~/lib/ui/plain";
import type { AppPath } from "~/lib/ui/router-anchor";
import {
  approveSchema,
  REDEMPTION_STATUSES,
  rejectSchema,
  type RedemptionQueueActionResult,
} from "../catalogue-schemas";
import { RedemptionStatusBadge } from "./redemption-status-badge";
import { RewardsTabs } from "./rewards-tabs";

export interface QueueRow {
  id: string;
  cost: number;
  status: string;
  note: string;
  reason: string;
  createdAt: Date | string;
  decidedAt: Date | string | null;
  requester: string;
  department: string;
  decidedBy: string;
  own: boolean;
  reward: { id: string; name: string; stock: number | null };
}

export interface RedemptionQueuePageData extends ListSummary {
  viewer: Principal;
  rows: QueueRow[];
  deciding: QueueRow | null;
  pendingCount: number | null;
}

const TEXT_STYLE = { whiteSpace: "pre-wrap" as const, overflowWrap: "anywhere" as const };

/** The queue's URL with `decide` set to this request (or removed), the filters kept. */
function useDecideLink() {
  const [params] = useSearchParams();
  return (id: string | null): AppPath => {
    const copy = new URLSearchParams(params);
    if (id) copy.set("decide", id);
    else copy.delete("decide");
    const query = copy.toString();
    return query ? `?${query}` : "/rewards/redemptions";
  };
}

function ApproveForm({
  row,
  actionData,
}: {
  row: QueueRow;
  actionData: RedemptionQueueActionResult;
}) {
  const { t } = useTranslation();
  const { form, field, onSubmit, formError } = useSchemaForm(approveSchema, {
    defaultValues: { redemptionId: row.id, note: "" },
    actionData: actionDataFor(actionData, "approve"),
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="approve-form">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" {...form.register("redemptionId")} />
      <FormError message={formError} />
      <Stack gap="xs">
        <Textarea
          label={t("rewards.redemptions.note")}
          description={t("rewards.redemptions.noteHelp")}
          autosize
          minRows={2}
          {...field("note")}
        />
        <Group>
          <Button type="submit" color="green">
            {t("rewards.redemptions.approve")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function RejectForm({
  row,
  actionData,
}: {
  row: QueueRow;
  actionData: RedemptionQueueActionResult;
}) {
  const { t } = useTranslation();
  const { form, field, onSubmit, formError } = useSchemaForm(rejectSchema, {
    defaultValues: { redemptionId: row.id, reason: "" },
    actionData: actionDataFor(actionData, "reject"),
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="reject-form">
      <input type="hidden" name="intent" value="reject" />
      <input type="hidden" {...form.register("redemptionId")} />
      <FormError message={formError} />
      <Stack gap="xs">
        <Textarea
          label={t("rewards.redemptions.reason")}
          description={t("rewards.redemptions.reasonHelp")}
          autosize
          minRows={2}
          {...field("reason")}
        />
        <Group>
          <Button type="submit" color="red" variant="light">
            {t("rewards.redemptions.reject")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function DecisionPanel({
  row,
  actionData,
}: {
  row: QueueRow;
  actionData: RedemptionQueueActionResult;
}) {
  const { t, i18n } = useTranslation();
  const decideLink = useDecideLink();
  return (
    <Card withBorder data-testid="decision-panel">
      <Group justify="space-between" mb="xs" align="flex-start">
        <Title order={2} size="h4">
          {t("rewards.redemptions.panelTitle", { reward: row.reward.name, name: row.requester })}
        </Title>
        <TextLink to={decideLink(null)} size="sm">
          {t("rewards.redemptions.closePanel")}
        </TextLink>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.redemptions.panelDetail", {
          cost: row.cost,
          date: formatDateTime(row.createdAt, i18n.language),
        })}
      </Text>
      {row.own ? (
        <Text size="sm">{t("rewards.redemptions.ownRequest")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ApproveForm row={row} actionData={actionData} />
          <RejectForm row={row} actionData={actionData} />
        </SimpleGrid>
      )}
    </Card>
  );
}

function Outcome({ actionData }: { actionData: RedemptionQueueActionResult }) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "approve", "reject");
  // Field errors show in the panel; a conflict (decided meanwhile) shows here, the panel gone.
  if (!answer || (isFailure(answer) && Object.keys(answer.fieldErrors).length > 0)) return null;
  if (isFailure(answer)) {
    return (
      <Alert color="red" role="alert">
        {t(answer.formError)}
      </Alert>
    );
  }
  return (
    <Alert color="teal" role="status">
      {answer.intent === "approve"
        ? t("rewards.redemptions.approved")
        : t("rewards.redemptions.rejected")}
    </Alert>
  );
}

function DecisionText({ row }: { row: QueueRow }) {
  const { t, i18n } = useTranslation();
  if (row.status === "PENDING" || !row.decidedAt) return null;
  return (
    <>
      {(row.note || row.reason) && (
        <PlainText size="sm">
          <span style={TEXT_STYLE}>{row.note || row.reason}</span>
        </PlainText>
      )}
      <PlainText size="xs" color="dimmed">
        {t("rewards.redemptions.decidedBy", {
          name: row.decidedBy,
          date: formatDateTime(row.decidedAt, i18n.language),
        })}
      </PlainText>
    </>
  );
}

/** /rewards/redemptions: HR's queue, pending requests first, and the decision panel. */
export function RedemptionQueuePage({
  data,
  actionData,
}: {
  data: RedemptionQueuePageData;
  actionData: RedemptionQueueActionResult;
}) {
  const { t, i18n } = useTranslation();
  const decideLink = useDecideLink();
  return (
    <Stack>
      <RewardsTabs user={data.viewer} />
      <PageHeader title={t("rewards.redemptions.title")} />
      <Outcome actionData={actionData} />
      {data.deciding && (
        <DecisionPanel key={data.deciding.id} row={data.deciding} actionData={actionData} />
      )}
      <ListPage
        summary={data}
        isEmpty={data.rows.length === 0}
        emptyText={t("rewards.redemptions.empty")}
        countDetail={
          data.pendingCount === null
            ? undefined
            : t("rewards.redemptions.pendingCount", { count: data.pendingCount })
        }
        filters={
          <FilterSelect
            name="status"
            label={t("rewards.redemptions.filterStatus")}
            options={REDEMPTION_STATUSES.map((status) => ({
              value: status,
              label: t(`rewards.redemptions.statusLabel.${status}`),
            }))}
          />
        }
      >
        <ListTable
          minWidth={820}
          data-testid="redemption-queue"
          columns={[
            t("rewards.redemptions.columns.requested"),
            t("rewards.redemptions.columns.person"),
            t("rewards.redemptions.columns.reward"),
            t("rewards.redemptions.columns.cost"),
            t("rewards.redemptions.columns.status"),
            t("rewards.redemptions.columns.decision"),
          ]}
        >
          {data.rows.map((row) => (
            <tr key={row.id} data-redemption={row.id} data-status={row.status}>
              <td>{formatDateTime(row.createdAt, i18n.language)}</td>
              <td>
                {row.requester}
                {row.department && (
                  <PlainText size="xs" color="dimmed">
                    {row.department}
                  </PlainText>
                )}
              </td>
              <td>{row.reward.name}</td>
              <td>{t("rewards.catalogue.points", { count: row.cost })}</td>
              <td>
                <RedemptionStatusBadge status={row.status} />
              </td>
              <td>
                {row.status === "PENDING" ? (
                  row.own ? (
                    <PlainText size="xs" color="dimmed">
                      {t("rewards.redemptions.ownRequestHint")}
                    </PlainText>
                  ) : (
                    <Anchor
                      component={Link}
                      to={decideLink(row.id)}
                      size="sm"
                      aria-label={t("rewards.redemptions.decideFor", {
                        reward: row.reward.name,
                        name: row.requester,
                      })}
                    >
                      {t("rewards.redemptions.decide")}
                    </Anchor>
                  )
                ) : (
                  <DecisionText row={row} />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </ListPage>
    </Stack>
  );
}
