import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NavLink,
  Progress,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { percentOf } from "~/lib/numbers";
import { requirePermission, requireUser } from "~/lib/session.server";
import { FormError, isFailure } from "~/lib/ui/forms";
import { LessonView } from "~/modules/courses";
import { getPlayer, markLessonDone, startAttempt } from "~/modules/learning/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });
const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("done"),
    lessonId: z.string().min(1).max(40),
    next: z.coerce.number().int().min(0),
  }),
  z.object({ intent: z.literal("quiz") }),
]);

async function requireLearner(request: Request) {
  const user = await requireUser(request);
  requirePermission(user, "read", { type: "Learning", ownerId: user.id });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireLearner(request);
  return runLoader(async () => getPlayer(user.id, parseWith(paramsSchema, params).courseId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  return runAction(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const input = parseWith(actionSchema, await readFormFields(request));
    if (input.intent === "quiz") {
      const attemptId = await startAttempt(user.id, courseId);
      return redirect(`/learn/${courseId}/quiz/${attemptId}`);
    }
    await markLessonDone(user.id, courseId, input.lessonId);
    return redirect(`/learn/${courseId}?lesson=${input.next}`);
  });
}

export default function CoursePlayerPage() {
  const { t } = useTranslation();
  const { course, lessons, quiz, enrolment, certificate, versionNumber } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const firstUnfinished = lessons.findIndex((lesson) => !lesson.done);
  const quizStep = lessons.length;
  const requested = params.get("lesson");
  const step = Math.min(
    Math.max(
      requested !== null
        ? Number(requested) || 0
        : firstUnfinished === -1
          ? quizStep
          : firstUnfinished,
      0,
    ),
    quiz ? quizStep : Math.max(quizStep - 1, 0),
  );
  const lesson = lessons[step];
  const doneCount = lessons.filter((l) => l.done).length + (quiz?.passed ? 1 : 0);
  const total = lessons.length + (quiz ? 1 : 0);
  const completed = enrolment.status === "COMPLETED";
  return (
    <Stack>
      <Anchor component={Link} to="/learn" size="sm">
        ← {t("learning.title")}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          <span aria-hidden>{course.coverIcon} </span>
          {course.title}
        </Title>
        <Badge variant="light">{t("learning.versionBadge", { number: versionNumber })}</Badge>
      </Group>
      <Progress
        value={total === 0 ? 0 : (doneCount / total) * 100}
        aria-label={t("learning.progressLabel", {
          percent: percentOf(doneCount, total) ?? 0,
        })}
      />
      {isFailure(actionData) && <FormError message={t(actionData.formError)} />}
      {completed && (
        <Alert color="teal" data-testid="course-completed">
          <Group justify="space-between">
            <Text>{t("learning.completedBanner")}</Text>
            {certificate && (
              <Button component={Link} to={`/certificates/${certificate.id}`} size="xs">
                {t("learning.viewCertificate")}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <nav aria-label={t("courses.preview.contents")}>
            {lessons.map((item, index) => (
              <NavLink
                key={item.id}
                component={Link}
                to={`?lesson=${index}`}
                active={index === step}
                label={`${index + 1}. ${item.title}`}
                rightSection={
                  item.done ? (
                    <Text c="teal" aria-label={t("learning.lessonDone")}>
                      ✓
                    </Text>
                  ) : null
                }
              />
            ))}
            {quiz && (
              <NavLink
                component={Link}
                to={`?lesson=${quizStep}`}
                active={step === quizStep}
                label={t("courses.preview.quiz")}
                rightSection={
                  quiz.passed ? (
                    <Text c="teal" aria-label={t("learning.lessonDone")}>
                      ✓
                    </Text>
                  ) : null
                }
              />
            )}
          </nav>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {lesson ? (
            <LessonView lesson={lesson}>
              <Group justify="space-between">
                <Button
                  component={Link}
                  to={`?lesson=${Math.max(step - 1, 0)}`}
                  variant="default"
                  disabled={step === 0}
                >
                  {t("courses.preview.previous")}
                </Button>
                {completed || lesson.done ? (
                  step + 1 <= (quiz ? quizStep : quizStep - 1) && (
                    <Button component={Link} to={`?lesson=${step + 1}`}>
                      {t("courses.preview.next")}
                    </Button>
                  )
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="done" />
                    <input type="hidden" name="lessonId" value={lesson.id} />
                    <input
                      type="hidden"
                      name="next"
                      value={Math.min(step + 1, quiz ? quizStep : quizStep - 1)}
                    />
                    <Button type="submit">{t("learning.markDone")}</Button>
                  </Form>
                )}
              </Group>
            </LessonView>
          ) : quiz ? (
            <Card withBorder data-testid="quiz-card">
              <Title order={2} size="h3" mb="xs">
                {t("courses.preview.quiz")}
              </Title>
              <Text size="sm" mb="xs">
                {t("learning.quizFacts", { count: quiz.questionCount, passMark: quiz.passMark })}
                {quiz.timeLimitMinutes
                  ? ` ${t("learning.quizTimeLimit", { minutes: quiz.timeLimitMinutes })}`
                  : ""}{" "}
                {quiz.attemptsAllowed
                  ? t("learning.quizAttempts", {
                      used: quiz.attemptsUsed,
                      allowed: quiz.attemptsAllowed,
                    })
                  : t("learning.quizUnlimited", { used: quiz.attemptsUsed })}
              </Text>
              {quiz.attempts.map((attempt) => (
                <Text key={attempt.id} size="sm">
                  <Anchor component={Link} to={`quiz/${attempt.id}`}>
                    {t("learning.attemptLine", {
                      number: attempt.number,
                      score: attempt.score ?? 0,
                    })}
                  </Anchor>{" "}
                  <span aria-label={attempt.passed ? t("learning.passed") : t("learning.failed")}>
                    {attempt.passed ? "✓" : "✗"}
                  </span>
                </Text>
              ))}
              {!quiz.passed && !completed && (
                <Form method="post" style={{ marginTop: 12 }}>
                  <input type="hidden" name="intent" value="quiz" />
                  <Button type="submit">
                    {quiz.openAttemptId ? t("learning.resumeQuiz") : t("learning.startQuiz")}
                  </Button>
                </Form>
              )}
              {!completed && lessons.some((l) => !l.done) && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t("learning.quizNeedsLessons")}
                </Text>
              )}
            </Card>
          ) : (
            <Text c="dimmed">{t("courses.preview.empty")}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
