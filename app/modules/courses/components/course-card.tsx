import { ThemeIcon } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PlainBadge, PlainCardLink, PlainGroup, PlainText } from "~/lib/ui/plain";

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

/** A card of the catalogue: plain elements with Mantine's classes (decision 030). */
export function CourseCard({ course }: { course: CourseCardData }) {
  const { t } = useTranslation();
  return (
    <PlainCardLink to={`/courses/${course.id}/edit`} data-testid="course-card">
      <PlainGroup justify="space-between" wrap="nowrap" mb="xs">
        <ThemeIcon size="xl" radius="md" color={course.coverColor} variant="light" aria-hidden>
          <span style={{ fontSize: 22 }}>{course.coverIcon}</span>
        </ThemeIcon>
        <PlainBadge color={STATUS_COLOR[course.status] ?? "gray"}>
          {t(`courses.status.${course.status}`)}
        </PlainBadge>
      </PlainGroup>
      <PlainText weight={600} lineClamp={2}>
        {course.title}
      </PlainText>
      <PlainText size="sm" color="dimmed" lineClamp={2} mb="xs">
        {course.summary}
      </PlainText>
      <PlainGroup gap="xs">
        <PlainBadge variant="outline" color="teal" size="sm">
          {t(`courses.category.${course.category}`)}
        </PlainBadge>
        <PlainText size="xs" color="dimmed">
          {t("courses.card.meta", {
            minutes: course.estimatedMinutes,
            lessons: course._count.lessons,
            questions: course._count.questions,
          })}
        </PlainText>
      </PlainGroup>
      <PlainText size="xs" color="dimmed" mt="xs">
        {course.latestVersion > 0
          ? t("courses.card.ownerVersion", {
              owner: course.owner.name,
              version: course.latestVersion,
            })
          : t("courses.card.owner", { owner: course.owner.name })}
      </PlainText>
    </PlainCardLink>
  );
}
