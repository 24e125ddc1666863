import { Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission, requireUser } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { EnrolmentCard, type EnrolmentCardData } from "~/modules/learning";
import { getMyLearning } from "~/modules/learning/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read", { type: "Learning", ownerId: user.id });
  return getMyLearning(user.id);
}

function Section({
  titleKey,
  items,
  testId,
}: {
  titleKey: string;
  items: EnrolmentCardData[];
  testId: string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={2} size="h4">
        {t(titleKey)} ({items.length})
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((item) => (
          <EnrolmentCard key={item.id} item={item} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export default function MyLearningPage() {
  const { t } = useTranslation();
  const learning = useLoaderData<typeof loader>();
  const empty = Object.values(learning).every((items) => items.length === 0);
  return (
    <Stack>
      <PageHeader
        title={t("learning.title")}
        actions={
          <Group>
            <Button component={Link} to="/certificates" variant="default">
              {t("nav.certificates")}
            </Button>
            <Button component={Link} to="/learn/catalogue" variant="light">
              {t("learning.browse")}
            </Button>
          </Group>
        }
      />
      {empty && <Text c="dimmed">{t("learning.nothing")}</Text>}
      <Section
        titleKey="learning.sections.overdue"
        items={learning.overdue}
        testId="section-overdue"
      />
      <Section
        titleKey="learning.sections.dueSoon"
        items={learning.dueSoon}
        testId="section-due-soon"
      />
      <Section
        titleKey="learning.sections.inProgress"
        items={learning.inProgress}
        testId="section-in-progress"
      />
      <Section
        titleKey="learning.sections.notStarted"
        items={learning.notStarted}
        testId="section-not-started"
      />
      <Section
        titleKey="learning.sections.completed"
        items={learning.completed}
        testId="section-completed"
      />
    </Stack>
  );
}
