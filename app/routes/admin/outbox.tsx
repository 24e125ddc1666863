import { Badge, Code, Group, NativeSelect, Button, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/dates";
import { LANGUAGE_NAMES, type Language } from "~/lib/i18n";
import { getEnv } from "~/lib/env.server";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { listOutbox } from "~/modules/notifications/index.server";
import { ScrollTable } from "~/lib/ui/scroll-table";

const querySchema = z.object({
  status: z.enum(["PENDING", "SENT", "FAILED"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
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

export default function OutboxPage() {
  const { t } = useTranslation();
  const { messages, total, page, pageCount, smtpConfigured } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title={t("notifications.outbox.title")} />
      <Text size="sm" c="dimmed" mb="md">
        {smtpConfigured ? t("notifications.outbox.smtpOn") : t("notifications.outbox.smtpOff")}
      </Text>
      <Form method="get">
        <Group align="flex-end" mb="md">
          <NativeSelect
            name="status"
            label={t("fields.status")}
            defaultValue={params.get("status") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              ...["PENDING", "SENT", "FAILED"].map((s) => ({
                value: s,
                label: t(`notifications.outbox.status.${s}`),
              })),
            ]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      <Text size="sm" c="dimmed" mb="xs">
        {t("common.resultCount", { count: total })}
      </Text>
      <ScrollTable minWidth={760}>
        <Table striped data-testid="outbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audit.when")}</Table.Th>
              <Table.Th>{t("notifications.outbox.to")}</Table.Th>
              <Table.Th>{t("notifications.outbox.message")}</Table.Th>
              <Table.Th>{t("fields.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
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
                  <Code block style={{ whiteSpace: "pre-wrap", maxWidth: 460 }}>
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
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
