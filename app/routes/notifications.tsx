import { Anchor, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { parseForm, parseQuery, runAction, safeRedirectPath } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import {
  localiseParams,
  notificationActionSchema,
  notificationListSchema,
} from "~/modules/notifications";
import { listNotifications, markAllRead, markRead } from "~/modules/notifications/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Notification");
  return listNotifications(user.id, parseQuery(request, notificationListSchema).page);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOwn(request, "update", "Notification");
  return runAction(async () => {
    const input = await parseForm(request, notificationActionSchema);
    if (input.intent === "read-all") {
      await markAllRead(user.id);
      return { ok: true as const };
    }
    // Opening a notification marks it read and follows its link.
    throw redirect(safeRedirectPath(await markRead(user.id, input.id), "/notifications"));
  });
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { notifications, unread, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <Stack maw={760}>
      <PageHeader
        title={t("notifications.title")}
        actions={
          unread > 0 && (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <Button type="submit" variant="light">
                {t("notifications.markAllRead")}
              </Button>
            </Form>
          )
        }
      />
      <Text size="sm" c="dimmed">
        {t("notifications.unreadCount", { count: unread })} ·{" "}
        {t("common.resultCount", { count: total })}
      </Text>
      <Stack gap="xs" data-testid="notification-list">
        {notifications.map((n) => (
          <Card key={n.id} withBorder padding="sm" data-read={n.read} data-type={n.type}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap="xs">
                  {!n.read && (
                    <Badge color="red" size="xs">
                      {t("notifications.new")}
                    </Badge>
                  )}
                  <Text fw={n.read ? 400 : 700}>
                    {t(`notifications.events.${n.type}.title`, localiseParams(t, n.params))}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`notifications.events.${n.type}.body`, localiseParams(t, n.params))}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="read" />
                <input type="hidden" name="id" value={n.id} />
                <Anchor component="button" type="submit" size="sm">
                  {t("notifications.open")}
                </Anchor>
              </Form>
            </Group>
          </Card>
        ))}
      </Stack>
      {notifications.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("notifications.empty")}
        </Text>
      )}
      <UrlPagination page={page} pageCount={pageCount} />
    </Stack>
  );
}
