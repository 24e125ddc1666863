import { Anchor, Stack, Title, TypographyStylesProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface LessonViewData {
  title: string;
  /** Already sanitised on the server (renderMarkdown). */
  html: string;
  videoUrl: string;
  attachmentUrl: string;
}

/** One lesson as learners see it: in the course player and in the author's preview. */
export function LessonView({ lesson, children }: { lesson: LessonViewData; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2} size="h3">
        {lesson.title}
      </Title>
      <TypographyStylesProvider>
        <div dangerouslySetInnerHTML={{ __html: lesson.html }} data-testid="lesson-body" />
      </TypographyStylesProvider>
      {lesson.videoUrl && (
        <Anchor href={lesson.videoUrl} target="_blank" rel="noopener noreferrer">
          {t("courses.preview.watchVideo")}
        </Anchor>
      )}
      {lesson.attachmentUrl && (
        <Anchor href={lesson.attachmentUrl} target="_blank" rel="noopener noreferrer">
          {t("courses.preview.openAttachment")}
        </Anchor>
      )}
      {children}
    </Stack>
  );
}
