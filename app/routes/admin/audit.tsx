import { Button, Code, Group, NativeSelect, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { listAuditEvents } from "~/modules/audit/index.server";
import { auditQuerySchema } from "~/modules/audit";
import { deviceLabel } from "~/lib/user-agent";
import { ScrollTable } from "~/lib/ui/scroll-table";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "AuditEvent");
  return listAuditEvents(parseQuery(request, auditQuerySchema));
}

/** "user.update+temporaryPassword" → "user_update_temporaryPassword" (i18n keys use dots as paths). */
const auditActionKey = (action: string) => action.replace(/[^A-Za-z0-9]+/g, "_");

function Change({ before, after }: { before: string | null; after: string | null }) {
  const { t } = useTranslation();
  // A long change scrolls: keyboard users reach the region by Tab and scroll it with arrows.
  return (
    <Code
      block
      style={{ whiteSpace: "pre-wrap", maxWidth: 420 }}
      tabIndex={0}
      role="group"
      aria-label={t("ui.eventDetails")}
    >
      {before ? `− ${before}\n` : ""}
      {after ? `+ ${after}` : ""}
    </Code>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { events, total, page, pageCount, actors, subjectTypes, eventTypes } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <Form method="get" role="search">
        <Group align="flex-end" mb="md" wrap="wrap">
          <NativeSelect
            name="actor"
            label={t("audit.actor")}
            defaultValue={params.get("actor") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              ...actors.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <NativeSelect
            name="subjectType"
            label={t("audit.subjectType")}
            defaultValue={params.get("subjectType") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              ...subjectTypes.map((s) => ({
                value: s,
                label: t(`audit.subjects.${s}`, { defaultValue: s }),
              })),
            ]}
          />
          <NativeSelect
            name="event"
            label={t("audit.eventType")}
            defaultValue={params.get("event") ?? ""}
            data={[
              { value: "", label: t("common.all") },
              { value: "security", label: t("audit.securityEvents") },
              { value: "changes", label: t("audit.dataChanges") },
              ...eventTypes.map((action) => ({
                value: action,
                label: t(`audit.actions.${auditActionKey(action)}`, { defaultValue: action }),
              })),
            ]}
          />
          <TextInput
            name="action"
            label={t("audit.action")}
            defaultValue={params.get("action") ?? ""}
          />
          <TextInput
            name="from"
            type="date"
            label={t("audit.from")}
            defaultValue={params.get("from") ?? ""}
          />
          <TextInput
            name="to"
            type="date"
            label={t("audit.to")}
            defaultValue={params.get("to") ?? ""}
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
        <Table striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audit.when")}</Table.Th>
              <Table.Th>{t("audit.actor")}</Table.Th>
              <Table.Th>{t("audit.action")}</Table.Th>
              <Table.Th>{t("audit.subject")}</Table.Th>
              <Table.Th>{t("audit.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{formatDateTime(event.createdAt)}</Table.Td>
                <Table.Td>
                  {event.actor?.name ?? t("audit.system")}
                  {(event.ipAddress || event.device) && (
                    <Text size="xs" c="dimmed">
                      {[
                        event.ipAddress && t("audit.source", { address: event.ipAddress }),
                        event.device && deviceLabel(t, event.device),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`audit.actions.${auditActionKey(event.action)}`, {
                    defaultValue: event.action,
                  })}
                  <Text size="xs" c="dimmed">
                    <Code>{event.action}</Code>
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t(`audit.subjects.${event.subjectType}`, { defaultValue: event.subjectType })}
                  <Text size="xs" c="dimmed">
                    {event.subjectId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Change before={event.before} after={event.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {events.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.noResults")}
        </Text>
      )}
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
