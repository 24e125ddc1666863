import { ScrollTable } from "~/lib/ui/scroll-table";
import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { BOLD, PlainTable, TextLink } from "~/lib/ui/plain";
import { isoDate } from "~/lib/dates";
import { FilterBar, FilterSelect } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import type { Principal } from "~/lib/permissions";
import type { DepartmentReadiness } from "../readiness-types";
import { InitiativeTabs } from "./initiative-tabs";
import { ReadinessHeatMap } from "./readiness-heatmap";
import {
  BAND_COLOURS,
  BandLabel,
  ElementName,
  mean1,
  percent0,
  ReadinessFormula,
  score0,
} from "./readiness-shared";

/** /initiatives/:id/readiness/departments/:departmentId: one department's readiness. */
export function ReadinessDepartmentPage({
  user,
  detail,
}: {
  user: Principal;
  detail: SerializeFrom<DepartmentReadiness>;
}) {
  const { t } = useTranslation();
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`initiatives.readiness.department.${key}`, params ?? {});
  const base = `/initiatives/${detail.initiative.id}/readiness` as const;
  const suffix = detail.pulseId ? `?pulse=${encodeURIComponent(detail.pulseId)}` : "";
  return (
    <Stack>
      <InitiativeTabs user={user} initiativeId={detail.initiative.id} />
      <TextLink to={`${base}${suffix}`} size="sm">
        {k("back")}
      </TextLink>
      <PageHeader
        title={t("initiatives.readiness.drillTitle", { department: detail.department.name })}
      />
      {detail.pulses.length > 0 && (
        <FilterBar>
          <FilterSelect
            name="pulse"
            label={t("initiatives.readiness.filters.pulse")}
            fallback={detail.pulseId ?? ""}
            options={detail.pulses.map((pulse) => ({ value: pulse.id, label: pulse.title }))}
          />
        </FilterBar>
      )}
      {!detail.shown ? (
        <Text data-testid="readiness-hidden">
          {k("hidden", { count: detail.initiative.floor })}
        </Text>
      ) : (
        <>
          <Group>
            <Badge size="lg">
              {t("initiatives.readiness.heatmap.score")}: {score0(detail.cells.readiness)}
            </Badge>
            <Badge size="lg" variant="light">
              {t("initiatives.readiness.heatmap.geometric")}: {score0(detail.cells.geometric)}
            </Badge>
            <Badge size="lg" variant="light" color={detail.cells.barrier ? "red" : "green"}>
              {t("initiatives.readiness.heatmap.barrier")}:{" "}
              {detail.cells.barrier ? (
                <ElementName element={detail.cells.barrier} />
              ) : (
                t("initiatives.readiness.heatmap.noBarrier")
              )}
            </Badge>
            <Text size="sm">
              {t("initiatives.readiness.heatmap.respondents")}: {detail.cells.respondents} ·{" "}
              {t("initiatives.readiness.heatmap.responseRate")}:{" "}
              {percent0(detail.cells.responseRate)}
            </Text>
          </Group>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {k("elements")}
            </Title>
            <ScrollTable minWidth={560}>
              <PlainTable data-testid="readiness-elements">
                <thead>
                  <tr>
                    {["element", "mean", "survey", "evidence", "score"].map((column) => (
                      <th scope="col" key={column}>
                        {k(column)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {detail.elements.map((row) => {
                    const flag = detail.cells.disagreements.find((d) => d.element === row.element);
                    return (
                      <tr key={row.element}>
                        <th scope="row">
                          <ElementName element={row.element} />
                        </th>
                        <td
                          style={{
                            background: BAND_COLOURS[row.band].bg,
                            color: BAND_COLOURS[row.band].c,
                          }}
                        >
                          {mean1(row.mean)} <BandLabel band={row.band} />
                        </td>
                        <td>{score0(row.survey)}</td>
                        <td>
                          {row.evidence === null ? k("noEvidence") : score0(row.evidence)}
                          {flag && (
                            <Text span fw={700} size="xs" ml={6}>
                              ⚠ {t("initiatives.readiness.heatmap.disagree")}
                            </Text>
                          )}
                        </td>
                        <td style={BOLD}>{score0(row.score)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </PlainTable>
            </ScrollTable>
          </Paper>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {k("barrierShares")}
              </Title>
              <List size="sm">
                {detail.barrierShares.map((share) => (
                  <List.Item key={share.barrier}>
                    {share.barrier === "none" ? (
                      k("shareNone")
                    ) : (
                      <ElementName element={share.barrier} />
                    )}
                    : {percent0(share.share * 100)}
                  </List.Item>
                ))}
              </List>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {k("nextSteps")}
              </Title>
              {detail.nextSteps.length === 0 ? (
                <Text size="sm">{k("noSteps")}</Text>
              ) : (
                <List size="sm" spacing={6}>
                  {detail.nextSteps.map((step) => (
                    <List.Item key={step.element}>
                      <Text span fw={600}>
                        <ElementName element={step.element} />
                      </Text>
                      {step.barrierPoint && (
                        <Badge ml={6} size="xs" color="red">
                          {k("barrierPoint")}
                        </Badge>
                      )}
                      <List size="sm" withPadding>
                        {step.links.map((link) => (
                          <List.Item key={link.href + link.labelKey}>
                            <TextLink to={link.href}>
                              {t(link.labelKey, link.params ?? {})}
                            </TextLink>
                          </List.Item>
                        ))}
                      </List>
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {k("courses")}
            </Title>
            {detail.courses.length === 0 ? (
              <Text size="sm">{k("noCourses")}</Text>
            ) : (
              <ScrollTable minWidth={560}>
                <PlainTable>
                  <thead>
                    <tr>
                      {["course", "enrolled", "completed", "completion", "quiz"].map((column) => (
                        <th scope="col" key={column}>
                          {k(column)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {detail.courses.map((course) => (
                      <tr key={course.courseId}>
                        <th scope="row">
                          <TextLink to={`/reports/courses/${course.courseId}`}>
                            {course.title}
                          </TextLink>
                        </th>
                        <td>{course.enrolled}</td>
                        <td>{course.completed}</td>
                        <td>{percent0(course.completionPct)}</td>
                        <td>{percent0(course.quizMean)}</td>
                      </tr>
                    ))}
                  </tbody>
                </PlainTable>
              </ScrollTable>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {k("participation")}
            </Title>
            <Text size="sm">
              {k("participationText", {
                ideas: detail.participation.ideas,
                votes: detail.participation.votes,
                kudos: detail.participation.kudos,
                headcount: detail.participation.headcount,
                from: isoDate(new Date(detail.participation.from)),
                to: isoDate(new Date(detail.participation.to)),
              })}
            </Text>
          </Paper>
          <Paper withBorder p="md" data-testid="readiness-comments">
            <Title order={2} size="h4" mb="sm">
              {k("comments")}
            </Title>
            {detail.comments.items.length === 0 ? (
              <Text size="sm">{k("noComments")}</Text>
            ) : (
              <List size="sm" spacing={4}>
                {detail.comments.items.map((comment, index) => (
                  <List.Item key={index}>{comment}</List.Item>
                ))}
              </List>
            )}
            <UrlPagination
              page={detail.comments.page}
              pageCount={Math.ceil(detail.comments.total / detail.comments.pageSize)}
            />
          </Paper>
        </>
      )}
      {detail.children.length > 0 && (
        <>
          <Title order={2} size="h4">
            {k("subDepartments")}
          </Title>
          <ReadinessHeatMap
            rows={detail.children.map((row) => ({ ...row, depth: Math.max(0, row.depth - 1) }))}
            floor={detail.initiative.floor}
            detailHref={(departmentId) => `${base}/departments/${departmentId}${suffix}`}
          />
        </>
      )}
      <ReadinessFormula
        surveyWeight={detail.initiative.surveyWeight}
        floor={detail.initiative.floor}
      />
    </Stack>
  );
}
