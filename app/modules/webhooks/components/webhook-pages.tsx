import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { formatDateTime } from "~/lib/dates";
import { FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { EmptyState, ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { WEBHOOK_EVENT_TYPES, type DeliveryStatusName, type WebhookEventType } from "../events";
import { webhookCreateSchema, webhookFormSchema } from "../schemas";

export interface SubscriptionView {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledReason: string;
  disabledAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  lastDeliveryAt: string | null;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatusName;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastResponseCode: number | null;
  lastError: string;
  durationMs: number | null;
  createdAt: string;
}

const STATUS_COLOR: Record<DeliveryStatusName, string> = {
  PENDING: "gray",
  SUCCEEDED: "teal",
  FAILED: "orange",
  GIVEN_UP: "red",
};

function EnabledBadge({ subscription }: { subscription: SubscriptionView }) {
  const { t } = useTranslation();
  if (subscription.enabled)
    return (
      <Badge color="teal" variant="light">
        {t("webhooks.enabled")}
      </Badge>
    );
  return (
    <Badge color={subscription.disabledReason === "failures" ? "red" : "gray"} variant="light">
      {t(
        subscription.disabledReason === "failures"
          ? "webhooks.disabledFailures"
          : "webhooks.disabled",
      )}
    </Badge>
  );
}

/** The secret, shown once after creation or rotation. */
function SecretOnce({ secret }: { secret: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      title={t("webhooks.secretTitle")}
      role="status"
      data-testid="webhook-secret"
    >
      <Text size="sm" mb="xs">
        {t("webhooks.secretBody")}
      </Text>
      <Code block>{secret}</Code>
    </Alert>
  );
}

interface FormValues {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
}

/** URL, description and the event checkboxes; the same schema the action parses. */
function SubscriptionForm({
  defaultValues,
  createKey,
  actionData,
}: {
  defaultValues: FormValues;
  createKey?: string;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const schema = createKey ? webhookCreateSchema : webhookFormSchema;
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(
    schema as typeof webhookCreateSchema,
    {
      defaultValues: {
        ...defaultValues,
        ...(createKey ? { createKey } : { intent: "update" }),
      } as never,
      actionData,
      json: true,
    },
  );
  const selected = form.watch("eventTypes") ?? [];
  const eventsError = errorFor("eventTypes");
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="webhook-form">
      <FormError message={formError} />
      <Stack>
        <TextInput
          label={t("webhooks.form.url")}
          description={t("webhooks.form.urlHint")}
          placeholder="https://example.com/hooks/uptake"
          {...field("url")}
        />
        <TextInput label={t("webhooks.form.description")} {...field("description")} />
        <Checkbox.Group
          label={t("webhooks.form.events")}
          value={selected}
          onChange={(value) =>
            form.setValue("eventTypes", value as WebhookEventType[], {
              shouldValidate: form.formState.isSubmitted,
            })
          }
          error={eventsError}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <Checkbox
                key={type}
                value={type}
                label={t(`webhooks.events.${type.replace(".", "_")}`)}
                description={type}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={busy}>
            {createKey ? t("webhooks.form.create") : t("webhooks.form.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** /admin/webhooks: the subscriptions and the form for a new one. */
export function WebhooksPage({
  subscriptions,
  createKey,
  actionData,
}: {
  subscriptions: SubscriptionView[];
  createKey: string;
  actionData?: (ActionResult & { id?: string; secret?: string | null }) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const created = actionData && !isFailure(actionData) ? actionData : undefined;
  return (
    <Stack>
      <PageHeader title={t("webhooks.title")} />
      <Text c="dimmed">{t("webhooks.intro")}</Text>
      {created?.secret && (
        <Stack gap="xs">
          <SecretOnce secret={created.secret} />
          <TextLink to={`/admin/webhooks/${created.id}`}>{t("webhooks.openCreated")}</TextLink>
        </Stack>
      )}
      {subscriptions.length === 0 ? (
        <EmptyState>{t("webhooks.none")}</EmptyState>
      ) : (
        <ListTable
          minWidth={760}
          data-testid="webhook-list"
          columns={[
            t("webhooks.columns.url"),
            t("webhooks.columns.events"),
            t("webhooks.columns.status"),
            t("webhooks.columns.failures"),
            t("webhooks.columns.lastDelivery"),
          ]}
        >
          {subscriptions.map((s) => (
            <tr key={s.id}>
              <td>
                <TextLink to={`/admin/webhooks/${s.id}`}>{s.url}</TextLink>
                {s.description && (
                  <Text size="xs" c="dimmed">
                    {s.description}
                  </Text>
                )}
              </td>
              <td>{t("webhooks.eventCount", { count: s.eventTypes.length })}</td>
              <td>
                <EnabledBadge subscription={s} />
              </td>
              <td>{s.consecutiveFailures}</td>
              <td>{s.lastDeliveryAt ? formatDateTime(s.lastDeliveryAt, i18n.language) : "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("webhooks.new")}
        </Title>
        <SubscriptionForm
          // A fresh form (and key) after each creation.
          key={createKey}
          createKey={createKey}
          defaultValues={{ url: "", description: "", eventTypes: [] }}
          actionData={actionData}
        />
      </Card>
    </Stack>
  );
}

/** A button that posts one intent (with optional fields). */
function IntentButton({
  intent,
  label,
  fields = {},
  color,
  variant = "default",
  confirm,
}: {
  intent: string;
  label: string;
  fields?: Record<string, string>;
  color?: string;
  variant?: string;
  confirm?: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="xs" color={color} variant={variant} disabled={busy}>
        {label}
      </Button>
    </Form>
  );
}

function DeliveryLog({
  deliveries,
  summary,
}: {
  deliveries: DeliveryView[];
  summary: ListSummary;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ListPage
      summary={summary}
      isEmpty={deliveries.length === 0}
      emptyText={t("webhooks.log.none")}
    >
      <ListTable
        minWidth={900}
        data-testid="delivery-log"
        columns={[
          t("webhooks.log.time"),
          t("webhooks.log.event"),
          t("webhooks.log.status"),
          t("webhooks.log.response"),
          t("webhooks.log.attempts"),
          t("webhooks.log.error"),
          "",
        ]}
      >
        {deliveries.map((d) => (
          <tr key={d.id} data-testid="delivery-row">
            <td>
              {formatDateTime(d.createdAt, i18n.language)}
              {d.lastAttemptAt && (
                <Text size="xs" c="dimmed">
                  {t("webhooks.log.lastAttempt", {
                    time: formatDateTime(d.lastAttemptAt, i18n.language),
                  })}
                </Text>
              )}
            </td>
            <td>
              {d.eventType}
              <Text size="xs" c="dimmed">
                {d.eventId}
              </Text>
            </td>
            <td>
              <Badge color={STATUS_COLOR[d.status]} variant="light">
                {t(`webhooks.status.${d.status}`)}
              </Badge>
              {d.status === "FAILED" && (
                <Text size="xs" c="dimmed">
                  {t("webhooks.log.nextAttempt", {
                    time: formatDateTime(d.nextAttemptAt, i18n.language),
                  })}
                </Text>
              )}
            </td>
            <td>
              {d.lastResponseCode ?? "—"}
              {d.durationMs !== null && (
                <Text size="xs" c="dimmed">
                  {t("webhooks.log.duration", { ms: d.durationMs })}
                </Text>
              )}
            </td>
            <td>{d.attempts}</td>
            <td>
              <Text size="xs">{d.lastError}</Text>
            </td>
            <td>
              <IntentButton
                intent="redeliver"
                fields={{ deliveryId: d.id }}
                label={t("webhooks.log.redeliver")}
              />
            </td>
          </tr>
        ))}
      </ListTable>
    </ListPage>
  );
}

export interface WebhookPageData extends ListSummary {
  subscription: SubscriptionView;
  deliveries: DeliveryView[];
}

type PageAnswer =
  | (ActionResult & { secret?: string; succeeded?: number; failed?: number; givenUp?: number })
  | undefined;

/** /admin/webhooks/:id: settings, actions and the delivery log. */
export function WebhookPage({
  data,
  actionData,
}: {
  data: WebhookPageData;
  actionData?: PageAnswer;
}) {
  const { t, i18n } = useTranslation();
  const { subscription } = data;
  const answer = actionData && !isFailure(actionData) ? actionData : undefined;
  const refusal =
    actionData && isFailure(actionData) && actionData.intent !== "update" ? actionData : undefined;
  return (
    <Stack>
      <TextLink to="/admin/webhooks" size="sm">
        {t("webhooks.back")}
      </TextLink>
      <PageHeader
        title={subscription.url}
        actions={
          <Group gap="xs">
            <EnabledBadge subscription={subscription} />
            {subscription.enabled ? (
              <>
                <IntentButton intent="send-test" label={t("webhooks.sendTest")} />
                <IntentButton intent="disable" label={t("webhooks.disable")} />
              </>
            ) : (
              <IntentButton intent="enable" label={t("webhooks.enable")} variant="filled" />
            )}
            <IntentButton
              intent="rotate-secret"
              label={t("webhooks.rotate")}
              confirm={t("webhooks.rotateConfirm")}
            />
            <IntentButton
              intent="delete"
              label={t("webhooks.delete")}
              color="red"
              variant="light"
              confirm={t("webhooks.deleteConfirm")}
            />
          </Group>
        }
      />
      {!subscription.enabled && subscription.disabledAt && (
        <Alert color={subscription.disabledReason === "failures" ? "red" : "gray"} role="status">
          {t(
            subscription.disabledReason === "failures"
              ? "webhooks.disabledFailuresSince"
              : "webhooks.disabledSince",
            { time: formatDateTime(subscription.disabledAt, i18n.language) },
          )}
        </Alert>
      )}
      {answer?.secret && <SecretOnce secret={answer.secret} />}
      {answer?.intent === "send-test" || answer?.intent === "redeliver" ? (
        <Alert color={answer.succeeded ? "teal" : "orange"} role="status" data-testid="send-result">
          {answer.succeeded ? t("webhooks.sent") : t("webhooks.notSent")}
        </Alert>
      ) : null}
      {answer?.intent === "update" && (
        <Alert color="teal" role="status">
          {t("webhooks.saved")}
        </Alert>
      )}
      {refusal && (
        <Alert color="red" role="alert">
          {t(refusal.formError ?? "errors.invalid")}
        </Alert>
      )}
      <Card withBorder>
        <SubscriptionForm
          defaultValues={{
            url: subscription.url,
            description: subscription.description,
            eventTypes: subscription.eventTypes,
          }}
          actionData={actionData}
        />
      </Card>
      <Title order={2} size="h3">
        {t("webhooks.log.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("webhooks.log.hint", { failures: subscription.consecutiveFailures })}
      </Text>
      <DeliveryLog deliveries={data.deliveries} summary={data} />
    </Stack>
  );
}
