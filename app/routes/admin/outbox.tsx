import { Badge, Code, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/dates";
import { getEnv } from "~/lib/env.server";
import { pageField } from "~/lib/fields";
import { parseQuery } from "~/lib/http.server";
import { LANGUAGE_NAMES, type Language } from "~/lib/i18n";
import { requireUserWith } from "~/lib/session.server";
import { FilterSelect, ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { listOutbox } from "~/modules/notifications/index.server";

const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;

const querySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: pageField,
});

const STATUS_COLOR: Record<string, string> = {
  PENDING: "gray",
  SENDING: "blue",
  SENT: "teal",
  FAILED: "red",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "Outbox");
  const result = await listOutbox(parseQuery(request, querySchema));
  return { ...result, smtpConfigured: Boolean(getEnv().SMTP_URL) };
}

function StatusFilter() {
  const { t } = useTranslation();
  return (
    <FilterSelect
      name="status"
      label={t("fields.status")}
      options={OUTBOX_STATUSES.map((s) => ({
        value: s,
        label: t(`notifications.outbox.status.${s}`),
      }))}
    />
  );
}

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("notifications.outbox.title")} />
      <Text size="sm" c="dimmed" mb="md">
        {data.smtpConfigured ? t("notifications.outbox.smtpOn") : t("notifications.outbox.smtpOff")}
      </Text>
      <ListPage summary={data} filters={<StatusFilter />} isEmpty={data.messages.length === 0}>
        <ListTable
          minWidth={760}
          striped
          data-testid="outbox-table"
          columns={[
            t("audit.when"),
            t("notifications.outbox.to"),
            t("notifications.outbox.message"),
            t("fields.status"),
          ]}
        >
          {data.messages.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTime(m.createdAt, i18n.language)}</Table.Td>
              <Table.Td>
                {m.toAddress}
                <Text size="xs" c="dimmed">
                  {LANGUAGE_NAMES[m.language as Language] ?? m.language} ·{" "}
                  {t(`notifications.events.${m.eventType}.label`, { defaultValue: m.eventType })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text fw={600} size="sm">
                  {m.subject}
                </Text>
                <Code
                  block
                  style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxWidth: 460 }}
                >
                  {m.body}
                </Code>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[m.status] ?? "gray"} variant="light">
                  {t(`notifications.outbox.status.${m.status}`)}
                </Badge>
                {m.lastError && (
                  <Text size="xs" c="red">
                    {m.lastError}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
