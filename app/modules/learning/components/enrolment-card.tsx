import { Button, Card, Group, Progress, Text, ThemeIcon } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import type { DisplayStatus } from "../enrolment-status";
import { EnrolmentStatusBadge } from "./status-badge";

export interface EnrolmentCardData {
  id: string;
  courseId: string;
  title: string;
  coverIcon: string;
  coverColor: string;
  estimatedMinutes: number;
  versionNumber: number;
  status: DisplayStatus;
  dueAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  bestScore: number | null;
  certificateId: string | null;
  progress: number;
}

export function EnrolmentCard({ item }: { item: EnrolmentCardData }) {
  const { t, i18n } = useTranslation();
  const done = item.status === "COMPLETED" || item.status === "EXPIRED";
  return (
    <Card withBorder padding="md" data-testid="enrolment-card">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size="lg" radius="md" color={item.coverColor} variant="light" aria-hidden>
            <span>{item.coverIcon}</span>
          </ThemeIcon>
          <Text fw={600} lineClamp={2}>
            {item.title}
          </Text>
        </Group>
        <EnrolmentStatusBadge status={item.status} />
      </Group>
      <Progress
        value={item.progress}
        aria-label={t("learning.progressLabel", { percent: item.progress })}
        mb={6}
      />
      <Text size="xs" c="dimmed" mb="sm">
        {t("learning.progressLabel", { percent: item.progress })}
        {item.dueAt &&
          !done &&
          ` · ${t("learning.due", { date: formatDate(item.dueAt, i18n.language) })}`}
        {item.completedAt &&
          ` · ${t("learning.completedOn", { date: formatDate(item.completedAt, i18n.language) })}`}
        {item.bestScore !== null && ` · ${t("learning.bestScore", { score: item.bestScore })}`}
      </Text>
      <Group gap="xs">
        <Button
          component={Link}
          to={`/learn/${item.courseId}`}
          size="xs"
          variant={done ? "light" : "filled"}
        >
          {done
            ? t("learning.review")
            : item.progress > 0
              ? t("learning.continue")
              : t("learning.start")}
        </Button>
        {item.certificateId && (
          <Button
            component={Link}
            to={`/certificates/${item.certificateId}`}
            size="xs"
            variant="subtle"
          >
            {t("learning.certificate")}
          </Button>
        )}
      </Group>
    </Card>
  );
}
