import { Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/lib/ui/page";
import { EnrolmentCard, type EnrolmentCardData } from "./enrolment-card";

/** My learning's sections, as getMyLearning gives them. */
export interface MyLearningView {
  overdue: EnrolmentCardData[];
  dueSoon: EnrolmentCardData[];
  inProgress: EnrolmentCardData[];
  notStarted: EnrolmentCardData[];
  completed: EnrolmentCardData[];
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

/** My learning: overdue, due soon, in progress, to do and completed courses. */
export function MyLearningPage({ learning }: { learning: MyLearningView }) {
  const { t } = useTranslation();
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
