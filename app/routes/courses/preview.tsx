import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseJson, parseWith, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { LessonView, PreviewQuiz, previewAnswersSchema } from "~/modules/courses";
import { getPreview, gradePreview } from "~/modules/courses/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });
const querySchema = z.object({
  version: z.coerce.number().int().min(1).optional().catch(undefined),
});

function versionOf(request: Request) {
  return (
    parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams)).version ?? null
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const version = versionOf(request);
    return { courseId, version, ...(await getPreview(user, courseId, version)) };
  });
}

/** Grades a preview attempt (it shows the key: editors of this course only); nothing is recorded. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "Course");
  return runAction(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const { nonce, answers } = await parseJson(request, previewAnswersSchema);
    return gradePreview(user, courseId, versionOf(request), nonce, answers);
  });
}

// The quiz is drawn and shuffled per load: grading it, or moving between lessons, must not
// draw a new one under the learner's answers.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (formMethod === "POST") return false;
  if (
    currentUrl.pathname === nextUrl.pathname &&
    currentUrl.searchParams.get("version") === nextUrl.searchParams.get("version")
  ) {
    return false;
  }
  return defaultShouldRevalidate;
};

export default function CoursePreviewPage() {
  const { t } = useTranslation();
  const { courseId, version, course, quiz, lessons, questions, nonce, canGrade } =
    useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const quizStep = lessons.length;
  const step = Math.min(Math.max(Number(params.get("step") ?? 0) || 0, 0), quizStep);
  const go = (next: number) => {
    const copy = new URLSearchParams(params);
    copy.set("step", String(next));
    setParams(copy, { preventScrollReset: true });
  };
  const lesson = lessons[step];
  return (
    <Stack>
      <Anchor component={Link} to={`/courses/${courseId}/edit`} size="sm">
        ← {t("courses.preview.backToEditing")}
      </Anchor>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {lesson ? (
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
          ) : questions.length > 0 ? (
            <PreviewQuiz
              questions={questions}
              passMark={quiz.passMark}
              nonce={nonce}
              canGrade={canGrade}
            />
          ) : (
            <Text c="dimmed">{t("courses.preview.empty")}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
