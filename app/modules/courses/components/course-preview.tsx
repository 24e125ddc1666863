import { Alert, Badge, Button, Grid, Group, NavLink, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import type { CourseSnapshot } from "../snapshot";
import { LessonView, type LessonViewData } from "./lesson-view";
import { PreviewQuiz, type PreviewQuestion } from "./preview-quiz";

/** What the preview page's loader gives: the draft (version null) or a published version. */
export interface CoursePreviewData {
  courseId: string;
  version: number | null;
  course: CourseSnapshot["course"];
  quiz: CourseSnapshot["quiz"];
  lessons: (LessonViewData & { id: string })[];
  questions: PreviewQuestion[];
  nonce: string;
  canGrade: boolean;
}

/** The course as a learner would take it, one step (lesson, then the quiz) at a time. */
export function CoursePreview({ data }: { data: CoursePreviewData }) {
  const { t } = useTranslation();
  const { courseId, version, course, lessons } = data;
  const [params, setParams] = useSearchParams();
  const quizStep = lessons.length;
  const step = Math.min(Math.max(Number(params.get("step") ?? 0) || 0, 0), quizStep);
  const go = (next: number) => {
    const copy = new URLSearchParams(params);
    copy.set("step", String(next));
    setParams(copy, { preventScrollReset: true });
  };
  return (
    <Stack>
      <TextLink to={`/courses/${courseId}/edit`} size="sm">
        ← {t("courses.preview.backToEditing")}
      </TextLink>
      <Alert color="blue" data-testid="preview-banner">
        {version
          ? t("courses.preview.bannerVersion", { version })
          : t("courses.preview.bannerDraft")}
      </Alert>
      <Group>
        <Text fz={32} aria-hidden>
          {course.coverIcon}
        </Text>
        <div>
          <Title order={1} size="h2">
            {course.title}
          </Title>
          <Text c="dimmed">{course.summary}</Text>
        </div>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <PreviewContents data={data} step={step} go={go} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <PreviewStep data={data} step={step} go={go} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface StepProps {
  data: CoursePreviewData;
  step: number;
  go: (step: number) => void;
}

function PreviewContents({ data: { lessons, questions }, step, go }: StepProps) {
  const { t } = useTranslation();
  const quizStep = lessons.length;
  return (
    <nav aria-label={t("courses.preview.contents")}>
      {lessons.map((item, index) => (
        <NavLink
          key={item.id}
          label={`${index + 1}. ${item.title}`}
          active={index === step}
          onClick={() => go(index)}
          component="button"
        />
      ))}
      {questions.length > 0 && (
        <NavLink
          label={t("courses.preview.quiz")}
          active={step === quizStep}
          onClick={() => go(quizStep)}
          component="button"
          rightSection={<Badge size="xs">{questions.length}</Badge>}
        />
      )}
    </nav>
  );
}

function PreviewStep({ data: { lessons, questions, quiz, nonce, canGrade }, step, go }: StepProps) {
  const { t } = useTranslation();
  const quizStep = lessons.length;
  const lesson = lessons[step];
  if (lesson) {
    return (
      <LessonView lesson={lesson}>
        <Group justify="space-between">
          <Button variant="default" disabled={step === 0} onClick={() => go(step - 1)}>
            {t("courses.preview.previous")}
          </Button>
          {(step < quizStep - 1 || questions.length > 0) && (
            <Button onClick={() => go(step + 1)}>{t("courses.preview.next")}</Button>
          )}
        </Group>
      </LessonView>
    );
  }
  if (questions.length > 0) {
    return (
      <PreviewQuiz
        questions={questions}
        passMark={quiz.passMark}
        nonce={nonce}
        canGrade={canGrade}
      />
    );
  }
  return <Text c="dimmed">{t("courses.preview.empty")}</Text>;
}
