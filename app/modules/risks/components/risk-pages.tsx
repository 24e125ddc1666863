import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, isoDate } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { actionDataFor } from "~/lib/ui/forms";
import { EmptyState, ListTable } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { ALIGN_END, PlainBadge, TextLink } from "~/lib/ui/plain";
import { InitiativeTabs } from "~/modules/initiatives";
import { riskBand, type RiskCategoryValue, type RiskStatusValue, type RiskWarnings } from "../risk";
import { EMPTY_RISK, RiskForm } from "./risk-form";

const BAND_COLOUR = { low: "#d3f9d8", medium: "#fff3bf", high: "#ffd8a8", critical: "#ffc9c9" };

interface RiskRow {
  id: string;
  title: string;
  category: RiskCategoryValue;
  likelihood: number;
  impact: number;
  score: number;
  status: RiskStatusValue;
  ownerName: string | null;
  nextReviewOn: Date | string | null;
  overdue: boolean;
}

export interface RiskRegisterData {
  viewer: Principal;
  initiative: { id: string; name: string };
  warnings: RiskWarnings;
  page: { page: number; pageCount: number; total: number };
  filters: { status: "open" | "all" };
  cell: { likelihood: number; impact: number } | null;
  canEdit: boolean;
  rows: RiskRow[];
  matrix: { likelihood: number; impact: number; count: number }[][];
  ownerChoices: { value: string; label: string }[];
  submissionKey: string;
}

function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  const band = riskBand(score);
  return (
    <span
      style={{ background: BAND_COLOUR[band], color: "#212529", padding: "0 6px", borderRadius: 4 }}
    >
      {score} · {t(`risks.band.${band}`)}
    </span>
  );
}

/** The 5 × 5 matrix: likelihood rows 5..1, impact columns 1..5; each cell filters the list. */
function RiskMatrix({ data }: { data: RiskRegisterData }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder withColumnBorders w="auto" mb="md" data-testid="risk-matrix">
      <caption>{t("risks.matrix.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("risks.matrix.corner")}</th>
          {data.matrix[0]!.map((cell) => (
            <th key={cell.impact} scope="col">
              {cell.impact}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.matrix.map((row) => (
          <tr key={row[0]!.likelihood}>
            <th scope="row">{row[0]!.likelihood}</th>
            {row.map((cell) => (
              <td
                key={cell.impact}
                style={{
                  background: BAND_COLOUR[riskBand(cell.likelihood * cell.impact)],
                  textAlign: "center",
                  minWidth: 48,
                }}
              >
                {cell.count > 0 ? (
                  <Anchor
                    component={Link}
                    c="dark"
                    to={`?likelihood=${cell.likelihood}&impact=${cell.impact}`}
                    aria-label={t("risks.matrix.cell", {
                      count: cell.count,
                      likelihood: cell.likelihood,
                      impact: cell.impact,
                    })}
                  >
                    {cell.count}
                  </Anchor>
                ) : (
                  <span style={{ color: "#495057" }}>0</span>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function RiskRegisterPage({
  data,
  actionData,
}: {
  data: RiskRegisterData;
  actionData: unknown;
}) {
  const { t, i18n } = useTranslation();
  const base = `/initiatives/${data.initiative.id}/risks` as const;
  return (
    <>
      <PageHeader
        title={t("risks.register.title", { name: data.initiative.name })}
        actions={
          <Button component="a" href={`${base}/export`} variant="light">
            {t("risks.register.export")}
          </Button>
        }
      />
      <InitiativeTabs user={data.viewer} initiativeId={data.initiative.id} />
      <Title order={2} size="h4" mt="md" mb="xs">
        {t("risks.matrix.title")}
      </Title>
      <RiskWarningsPanel warnings={data.warnings} />
      <RiskMatrix data={data} />
      <Group gap="xs" mb="sm">
        <Button
          component={Link}
          to="?status=open"
          size="compact-sm"
          variant={data.filters.status === "open" ? "filled" : "subtle"}
        >
          {t("risks.register.open")}
        </Button>
        <Button
          component={Link}
          to="?status=all"
          size="compact-sm"
          variant={data.filters.status === "all" ? "filled" : "subtle"}
        >
          {t("risks.register.all")}
        </Button>
        {data.cell && (
          <TextLink to="?" size="sm">
            {t("risks.register.clearCell", data.cell)}
          </TextLink>
        )}
      </Group>
      {data.rows.length === 0 ? (
        <EmptyState>{t("risks.register.empty")}</EmptyState>
      ) : (
        <ListTable
          minWidth={820}
          columns={[
            t("risks.form.title"),
            t("risks.form.category"),
            t("risks.register.score"),
            t("risks.form.owner"),
            t("risks.form.status"),
            t("risks.form.nextReviewOn"),
          ]}
        >
          {data.rows.map((risk) => (
            <tr key={risk.id} data-testid="risk-row">
              <td>
                <TextLink to={`${base}/${risk.id}`} size="sm">
                  {risk.title}
                </TextLink>
              </td>
              <td>{t(`risks.category.${risk.category}`)}</td>
              <td style={ALIGN_END}>
                <ScoreBadge score={risk.score} />
              </td>
              <td>{risk.ownerName ?? "—"}</td>
              <td>{t(`risks.status.${risk.status}`)}</td>
              <td>
                {risk.nextReviewOn ? formatDate(risk.nextReviewOn, i18n.language) : "—"}{" "}
                {risk.overdue && <PlainBadge color="red">{t("risks.register.overdue")}</PlainBadge>}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <UrlPagination page={data.page.page} pageCount={data.page.pageCount} />
      {data.canEdit && (
        <Paper withBorder p="md" mt="lg">
          <Title order={2} size="h4" mb="sm">
            {t("risks.register.add")}
          </Title>
          <RiskForm
            mode="create"
            submissionKey={data.submissionKey}
            ownerChoices={data.ownerChoices}
            defaultValues={EMPTY_RISK}
            actionData={actionData}
          />
        </Paper>
      )}
    </>
  );
}

export interface RiskPageData {
  viewer: Principal;
  initiative: { id: string; name: string };
  warnings: RiskWarnings;
  risk: RiskRow & {
    description: string;
    mitigation: string;
    ownerId: string | null;
    revision: number;
  };
  history: {
    id: string;
    likelihood: number;
    impact: number;
    score: number;
    changedAt: Date | string;
    changedByName: string | null;
  }[];
  canEdit: boolean;
  ownerChoices: { value: string; label: string }[];
}

export function RiskPage({ data, actionData }: { data: RiskPageData; actionData: unknown }) {
  const { t, i18n } = useTranslation();
  const { risk } = data;
  return (
    <>
      <PageHeader
        title={risk.title}
        actions={
          data.canEdit && (
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <Button type="submit" color="red" variant="light">
                {t("risks.detail.delete")}
              </Button>
            </Form>
          )
        }
      />
      <InitiativeTabs user={data.viewer} initiativeId={data.initiative.id} />
      <Group gap="xs" my="md">
        <TextLink to={`/initiatives/${data.initiative.id}/risks`} size="sm">
          {t("risks.detail.back")}
        </TextLink>
        <PlainBadge color="blue">{t(`risks.category.${risk.category}`)}</PlainBadge>
        <ScoreBadge score={risk.score} />
        {risk.overdue && <PlainBadge color="red">{t("risks.register.overdue")}</PlainBadge>}
      </Group>
      <RiskWarningsPanel warnings={data.warnings} />
      {!data.canEdit && (
        <Text size="sm" mb="md">
          {risk.description}
        </Text>
      )}
      {data.canEdit && (
        <Paper withBorder p="md" mb="lg">
          <RiskForm
            mode="edit"
            revision={risk.revision}
            ownerChoices={data.ownerChoices}
            actionData={actionDataFor(actionData as never, "details" as never)}
            defaultValues={{
              title: risk.title,
              category: risk.category,
              description: risk.description,
              likelihood: String(risk.likelihood),
              impact: String(risk.impact),
              mitigation: risk.mitigation,
              ownerId: risk.ownerId ?? "",
              status: risk.status,
              nextReviewOn: risk.nextReviewOn ? isoDate(new Date(risk.nextReviewOn)) : "",
            }}
          />
        </Paper>
      )}
      <Title order={2} size="h4" mb="xs">
        {t("risks.detail.history")}
      </Title>
      <ListTable
        minWidth={520}
        columns={[
          t("risks.detail.changedAt"),
          t("risks.form.likelihood"),
          t("risks.form.impact"),
          t("risks.register.score"),
          t("risks.detail.changedBy"),
        ]}
      >
        {data.history.map((change) => (
          <tr key={change.id} data-testid="risk-history-row">
            <td>{formatDate(change.changedAt, i18n.language)}</td>
            <td style={ALIGN_END}>{change.likelihood}</td>
            <td style={ALIGN_END}>{change.impact}</td>
            <td style={ALIGN_END}>{change.score}</td>
            <td>{change.changedByName ?? "—"}</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

/** The live warnings beside the risks that call for them (nothing for the others). */
export function RiskWarningsPanel({ warnings }: { warnings: RiskWarnings }) {
  const { t } = useTranslation();
  if (!warnings.resistance && !warnings.backup) return null;
  const { resistance, backup } = warnings;
  return (
    <Stack gap="xs" my="md" data-testid="risk-warnings">
      {resistance && (
        <Alert
          color={resistance.length > 0 ? "orange" : "gray"}
          title={t("risks.warnings.resistanceTitle")}
          data-testid="risk-warning-resistance"
        >
          {resistance.length === 0
            ? t("risks.warnings.noResistance")
            : t("risks.warnings.resistance", {
                departments: resistance
                  .map((d) => `${d.name} (${t(`initiatives.elements.${d.barrier}`)})`)
                  .join(", "),
              })}
        </Alert>
      )}
      {backup && (
        <Alert
          color={backup.stale ? "red" : "green"}
          title={t("risks.warnings.backupTitle")}
          data-testid="risk-warning-backup"
          data-stale={backup.stale ? "true" : "false"}
        >
          {backup.ageHours === null
            ? t("risks.warnings.noBackup")
            : t(
                backup.stale
                  ? "risks.warnings.backupStale"
                  : backup.intervalHours === null
                    ? "risks.warnings.backupUnscheduled"
                    : "risks.warnings.backupFresh",
                { hours: backup.ageHours, interval: backup.intervalHours ?? "" },
              )}
        </Alert>
      )}
    </Stack>
  );
}
