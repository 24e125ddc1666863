import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { PageHeader } from "~/lib/ui/page";
import { InitiativeTabs } from "./initiative-tabs";
import { STATUS_COLORS } from "./initiative-list";
import { RequiredCourseList, type RequiredCourseRow } from "./required-courses";
import { Timeline, type TimelineData } from "./timeline";

export interface OverviewData extends Omit<TimelineData, "courses"> {
  id: string;
  name: string;
  goal: string;
  status: string;
  startDate: string;
  owner: string | null;
  targets: { departmentId: string; name: string; includeSubDepartments: boolean }[];
  courses: RequiredCourseRow[];
  scope: string;
}

/** One initiative's overview: its details, targets, required courses and the timeline. */
export function InitiativeOverviewPage({
  user,
  data,
  canEdit,
}: {
  user: Principal;
  data: OverviewData;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack>
      <PageHeader
        title={data.name}
        actions={
          canEdit && (
            <Button component={Link} to={`/initiatives/${data.id}/edit`} variant="light">
              {t("initiatives.form.edit")}
            </Button>
          )
        }
      />
      <InitiativeTabs user={user} initiativeId={data.id} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3}>{t("initiatives.form.detailsTitle")}</Title>
            {data.goal && <Text style={{ whiteSpace: "pre-wrap" }}>{data.goal}</Text>}
            <Group gap="xs">
              <Badge color={STATUS_COLORS[data.status]} variant="light">
                {t(`initiatives.status.${data.status}`)}
              </Badge>
              <Text size="sm">
                {t("initiatives.form.startDate")}: {formatDate(data.startDate, i18n.language)}
              </Text>
            </Group>
            <Text size="sm">
              {t("initiatives.form.owner")}: {data.owner ?? t("initiatives.list.noOwner")}
            </Text>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3}>{t("initiatives.targets.title")}</Title>
            {data.targets.length === 0 ? (
              <Text c="dimmed">{t("initiatives.targets.none")}</Text>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="initiative-targets">
                {data.targets.map((target) => (
                  <li key={target.departmentId}>
                    {target.name} (
                    {target.includeSubDepartments
                      ? t("initiatives.targets.subDepartments")
                      : t("initiatives.targets.only")}
                    )
                  </li>
                ))}
              </ul>
            )}
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>{t("initiatives.courses.title")}</Title>
          <RequiredCourseList
            courses={data.courses}
            editable={false}
            scope={data.scope === "tree" ? "tree" : "all"}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Timeline data={data} />
      </Card>
    </Stack>
  );
}
