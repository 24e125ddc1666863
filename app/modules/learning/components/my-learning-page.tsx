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
/** My learning's sections, in the order they are shown. */
const SECTIONS = [
  { key: "overdue", titleKey: "learning.sections.overdue", testId: "section-overdue" },
  { key: "dueSoon", titleKey: "learning.sections.dueSoon", testId: "section-due-soon" },
  { key: "inProgress", titleKey: "learning.sections.inProgress", testId: "section-in-progress" },
  { key: "notStarted", titleKey: "learning.sections.notStarted", testId: "section-not-started" },
  { key: "completed", titleKey: "learning.sections.completed", testId: "section-completed" },
] as const;

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
      {SECTIONS.map(({ key, titleKey, testId }) => (
        <Section key={key} titleKey={titleKey} items={learning[key]} testId={testId} />
      ))}
    </Stack>
  );
}
