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
import { Form, Link } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { FormError } from "~/lib/ui/forms";
import { LessonView, type LessonViewData } from "~/modules/courses";
import { percentOf } from "~/lib/numbers";

/** What the player shows, as getPlayer gives it. */
export interface PlayerView {
  course: { title: string; coverIcon: string };
  versionNumber: number;
  enrolment: { status: string };
  lessons: (LessonViewData & { id: string; done: boolean })[];
  quiz: QuizPanelView | null;
  certificate: { id: string } | null;
}

interface QuizPanelView {
  passMark: number;
  attemptsAllowed: number | null;
  attemptsUsed: number;
  timeLimitMinutes: number | null;
  questionCount: number;
  passed: boolean;
  openAttemptId: string | null;
  attempts: { id: string; number: number; score: number | null; passed: boolean | null }[];
}

/**
 * The step on screen: the one asked for (`?lesson=`), else the first unfinished lesson,
 * else the quiz; kept within the lessons (and the quiz step, when there is a quiz).
 */
function currentStep(player: PlayerView, requested: string | null) {
  const firstUnfinished = player.lessons.findIndex((lesson) => !lesson.done);
  const quizStep = player.lessons.length;
  const wanted =
    requested !== null
      ? Number(requested) || 0
      : firstUnfinished === -1
        ? quizStep
        : firstUnfinished;
  return Math.min(Math.max(wanted, 0), player.quiz ? quizStep : Math.max(quizStep - 1, 0));
}

const DoneMark = () => {
  const { t } = useTranslation();
  return (
    <Text c="teal" aria-label={t("learning.lessonDone")}>
      ✓
    </Text>
  );
};

function Contents({ player, step }: { player: PlayerView; step: number }) {
  const { t } = useTranslation();
  const quizStep = player.lessons.length;
  return (
    <nav aria-label={t("courses.preview.contents")}>
      {player.lessons.map((item, index) => (
        <NavLink
          key={item.id}
          component={Link}
          to={`?lesson=${index}`}
          active={index === step}
          label={`${index + 1}. ${item.title}`}
          rightSection={item.done ? <DoneMark /> : null}
        />
      ))}
      {player.quiz && (
        <NavLink
          component={Link}
          to={`?lesson=${quizStep}`}
          active={step === quizStep}
          label={t("courses.preview.quiz")}
          rightSection={player.quiz.passed ? <DoneMark /> : null}
        />
      )}
    </nav>
  );
}

/** Back, and forward: "next" once the lesson is done, else "mark as done and continue". */
function LessonSteps({ player, step }: { player: PlayerView; step: number }) {
  const { t } = useTranslation();
  const lesson = player.lessons[step]!;
  const lastStep = player.quiz ? player.lessons.length : player.lessons.length - 1;
  const completed = player.enrolment.status === "COMPLETED";
  return (
    <Group justify="space-between">
      {/* No "previous" on the first lesson: a disabled link is still a link (and faint). */}
      {step === 0 ? (
        <span />
      ) : (
        <Button component={Link} to={`?lesson=${step - 1}`} variant="default">
          {t("courses.preview.previous")}
        </Button>
      )}
      {completed || lesson.done ? (
        step + 1 <= lastStep && (
          <Button component={Link} to={`?lesson=${step + 1}`}>
            {t("courses.preview.next")}
          </Button>
        )
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="done" />
          <input type="hidden" name="lessonId" value={lesson.id} />
          <input type="hidden" name="next" value={Math.min(step + 1, lastStep)} />
          <Button type="submit">{t("learning.markDone")}</Button>
        </Form>
      )}
    </Group>
  );
}

function QuizCard({ player, quiz }: { player: PlayerView; quiz: QuizPanelView }) {
  const { t } = useTranslation();
  const completed = player.enrolment.status === "COMPLETED";
  return (
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
          ? t("learning.quizAttempts", { used: quiz.attemptsUsed, allowed: quiz.attemptsAllowed })
          : t("learning.quizUnlimited", { used: quiz.attemptsUsed })}
      </Text>
      {quiz.attempts.map((attempt) => (
        <Text key={attempt.id} size="sm">
          <Anchor component={Link} to={`quiz/${attempt.id}`}>
            {t("learning.attemptLine", { number: attempt.number, score: attempt.score ?? 0 })}
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
      {!completed && player.lessons.some((l) => !l.done) && (
        <Text size="xs" c="dimmed" mt="xs">
          {t("learning.quizNeedsLessons")}
        </Text>
      )}
    </Card>
  );
}

function CompletedBanner({ certificate }: { certificate: PlayerView["certificate"] }) {
  const { t } = useTranslation();
  return (
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
  );
}

/** The course player: contents, progress, the lesson or quiz on screen, the completion. */
export function CoursePlayer({
  player,
  requestedStep,
  formError,
}: {
  player: PlayerView;
  /** The `?lesson=` of the address, if any. */
  requestedStep: string | null;
  formError?: string;
}) {
  const { t } = useTranslation();
  const { course, lessons, quiz } = player;
  const step = currentStep(player, requestedStep);
  const doneCount = lessons.filter((l) => l.done).length + (quiz?.passed ? 1 : 0);
  const total = lessons.length + (quiz ? 1 : 0);
  return (
    <Stack>
      <TextLink to="/learn" size="sm">
        ← {t("learning.title")}
      </TextLink>
      <Group justify="space-between">
        <Title order={1} size="h2">
          <span aria-hidden>{course.coverIcon} </span>
          {course.title}
        </Title>
        <Badge variant="light">
          {t("learning.versionBadge", { number: player.versionNumber })}
        </Badge>
      </Group>
      <Progress
        value={total === 0 ? 0 : (doneCount / total) * 100}
        aria-label={t("learning.progressLabel", {
          percent: percentOf(doneCount, total) ?? 0,
        })}
      />
      {formError && <FormError message={t(formError)} />}
      {player.enrolment.status === "COMPLETED" && (
        <CompletedBanner certificate={player.certificate} />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Contents player={player} step={step} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {lessons[step] ? (
            <LessonView lesson={lessons[step]}>
              <LessonSteps player={player} step={step} />
            </LessonView>
          ) : quiz ? (
            <QuizCard player={player} quiz={quiz} />
          ) : (
            <Text c="dimmed">{t("courses.preview.empty")}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
