import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWith } from "~/lib/session.server";
import { navigationFor } from "~/lib/ui/navigation";
import { PlainCardLink, PlainText } from "~/lib/ui/plain";
import { EnrolmentStatusBadge } from "~/modules/learning";
import { getDueSummary } from "~/modules/learning/index.server";
import { getHomeSummary } from "~/modules/org/index.server";
import { HomeInitiatives } from "~/modules/initiatives";
import { homeInitiativesFor } from "~/modules/initiatives/index.server";
import { can } from "~/lib/permissions";
import { formatDate } from "~/lib/dates";
import type { loader as rootLoader } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Home");
  const [summary, due, initiatives] = await Promise.all([
    getHomeSummary(user.id),
    can(user, "read", { type: "Learning", ownerId: user.id }) ? getDueSummary(user.id) : [],
    can(user, "create", { type: "PulseResponse", ownerId: user.id })
      ? homeInitiativesFor(user)
      : [],
  ]);
  return { ...summary, due, initiatives };
}

type HomeSummary = Awaited<ReturnType<typeof loader>>;

function WhoYouAre({ summary }: { summary: HomeSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} size="h2">
        {t("home.welcome", { name: summary.name })}
      </Title>
      <Group gap="xs">
        <Badge variant="light">{t(`roles.${summary.role}`)}</Badge>
        {summary.departmentName && <Badge variant="outline">{summary.departmentName}</Badge>}
        {summary.jobTitle && <Text c="dimmed">{summary.jobTitle}</Text>}
      </Group>
      {summary.managedDepartments.length > 0 && (
        <Text>{t("home.youManage", { departments: summary.managedDepartments.join(", ") })}</Text>
      )}
    </>
  );
}

/**
 * One bordered row per course: on a phone the lines wrap inside their own row, so a due date
 * can no longer read as belonging to the next course.
 */
function DueCourses({ due }: { due: HomeSummary["due"] }) {
  const { t, i18n } = useTranslation();
  if (due.length === 0) return <Text c="dimmed">{t("home.nothingDue")}</Text>;
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} data-testid="home-due">
      {due.map((item) => (
        <Paper component="li" key={item.courseId} withBorder px="sm" py="xs">
          <Anchor component={Link} to={`/learn/${item.courseId}`} fw={600}>
            {item.title}
          </Anchor>
          <Group gap="xs" mt={4}>
            <EnrolmentStatusBadge size="sm" status={item.status} />
            {item.dueAt && (
              <Text size="sm" c="dimmed">
                {t("learning.due", { date: formatDate(item.dueAt, i18n.language) })}
              </Text>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** A card for each page of the user's navigation but home (plain: up to 18 on every visit). */
function Shortcuts() {
  const { t } = useTranslation();
  const rootData = useRouteLoaderData<typeof rootLoader>("root");
  const shortcuts = rootData?.user
    ? navigationFor(rootData.user).filter((item) => item.to !== "/")
    : [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
      {shortcuts.map((item) => (
        <PlainCardLink key={item.to} to={item.to} padding="lg">
          <PlainText weight={600}>{t(item.labelKey)}</PlainText>
          <PlainText size="sm" color="dimmed">
            {t(item.descriptionKey)}
          </PlainText>
        </PlainCardLink>
      ))}
    </SimpleGrid>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const summary = useLoaderData<typeof loader>();
  return (
    <Stack>
      <WhoYouAre summary={summary} />
      <Title order={2} size="h4" mt="md">
        {t("home.due")}
      </Title>
      <DueCourses due={summary.due} />
      <HomeInitiatives items={summary.initiatives} />
      <Title order={2} size="h4" mt="md">
        {t("home.shortcuts")}
      </Title>
      <Shortcuts />
    </Stack>
  );
}
