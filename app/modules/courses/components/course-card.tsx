import { Badge, Card, Group, Text, ThemeIcon } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface CourseCardData {
  id: string;
  title: string;
  summary: string;
  category: string;
  status: string;
  estimatedMinutes: number;
  coverColor: string;
  coverIcon: string;
  latestVersion: number;
  owner: { name: string };
  _count: { lessons: number; questions: number };
}

const STATUS_COLOR: Record<string, string> = {
  DRAFT: "gray",
  PUBLISHED: "teal",
  ARCHIVED: "orange",
};

export function CourseCard({ course }: { course: CourseCardData }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="md"
      component={Link}
      to={`/courses/${course.id}/edit`}
      data-testid="course-card"
    >
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <ThemeIcon size="xl" radius="md" color={course.coverColor} variant="light" aria-hidden>
          <span style={{ fontSize: 22 }}>{course.coverIcon}</span>
        </ThemeIcon>
        <Badge color={STATUS_COLOR[course.status]} variant="light">
          {t(`courses.status.${course.status}`)}
        </Badge>
      </Group>
      <Text fw={600} lineClamp={2}>
        {course.title}
      </Text>
      <Text size="sm" c="dimmed" lineClamp={2} mb="xs">
        {course.summary}
      </Text>
      <Group gap="xs">
        <Badge variant="outline" size="sm">
          {t(`courses.category.${course.category}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t("courses.card.meta", {
            minutes: course.estimatedMinutes,
            lessons: course._count.lessons,
            questions: course._count.questions,
          })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {course.latestVersion > 0
          ? t("courses.card.ownerVersion", {
              owner: course.owner.name,
              version: course.latestVersion,
            })
          : t("courses.card.owner", { owner: course.owner.name })}
      </Text>
    </Card>
  );
}
