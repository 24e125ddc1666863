import { Anchor, Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intentAction } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/dates";
import { parseQuery, safeRedirectPath } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { ListPage } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
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
  return intentAction(request, notificationActionSchema, {
    "read-all": async () => {
      await markAllRead(user.id);
    },
    // Opening a notification marks it read and follows its link.
    read: async ({ id }) =>
      redirect(safeRedirectPath(await markRead(user.id, id), "/notifications")),
  });
}

type Notice = ReturnType<typeof useLoaderData<typeof loader>>["notifications"][number];

function NotificationCard({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const params = localiseParams(t, notice.params);
  return (
    <Card withBorder padding="sm" data-read={notice.read} data-type={notice.type}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs">
            {!notice.read && (
              <Badge color="red" size="xs">
                {t("notifications.new")}
              </Badge>
            )}
            <Text fw={notice.read ? 400 : 700}>
              {t(`notifications.events.${notice.type}.title`, params)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`notifications.events.${notice.type}.body`, params)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(notice.createdAt, i18n.language)}
          </Text>
        </div>
        <Form method="post">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={notice.id} />
          <Anchor component="button" type="submit" size="sm">
            {t("notifications.open")}
          </Anchor>
        </Form>
      </Group>
    </Card>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { notifications, unread } = data;
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
      <ListPage
        summary={data}
        countDetail={t("notifications.unreadCount", { count: unread })}
        isEmpty={notifications.length === 0}
        emptyText={t("notifications.empty")}
      >
        <Stack gap="xs" data-testid="notification-list">
          {notifications.map((notice) => (
            <NotificationCard key={notice.id} notice={notice} />
          ))}
        </Stack>
      </ListPage>
    </Stack>
  );
}
