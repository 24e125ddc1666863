import { kpiText } from "../texts";
import { Alert, Button, List, Stack, Text, Title } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { Principal } from "~/lib/permissions";
import { PageHeader } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, PlainBadge, PlainTable, TextLink } from "~/lib/ui/plain";
import type { AppPath } from "~/lib/ui/router-anchor";
import { ScrollTable } from "~/lib/ui/scroll-table";
import { InitiativeTabs } from "~/modules/initiatives";
import {
  EFFECT_GROUPS,
  effectSummaryText,
  FINISHED_TRAINING_PCT,
  fixedDecimals,
  type EffectGroup,
  type InitiativeEffect,
} from "../effect";
import { SENSE_COLORS } from "./sense";

type Effect = SerializeFrom<InitiativeEffect>;

const SENSE_WORD = { 1: "better", 0: "same", [-1]: "worse" } as const;
const GROUP_COLOUR: Record<EffectGroup, string> = { finished: "teal", others: "gray" };

const signed = (value: number, precision: number) =>
  `${value > 0 ? "+" : ""}${fixedDecimals(value, precision)}`;
const percent0 = (value: number | null) => (value === null ? "—" : `${Math.round(value)} %`);

/** /initiatives/:id/effect: the summary per KPI, the caveat, and the department table. */
export function EffectPage({ user, effect }: { user: Principal; effect: Effect }) {
  const { t } = useTranslation();
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`kpis.effect.${key}`, params ?? {});
  const base = `/initiatives/${effect.initiative.id}/effect`;
  return (
    <Stack>
      <InitiativeTabs user={user} initiativeId={effect.initiative.id} />
      <PageHeader
        title={`${k("title")}: ${effect.initiative.name}`}
        actions={
          <Button component="a" href={`${base}/export`} variant="light" download>
            {k("exportCsv")}
          </Button>
        }
      />
      <Alert color="yellow" title={k("notice.title")} data-testid="effect-notice">
        {k("notice.body", { threshold: FINISHED_TRAINING_PCT })}
      </Alert>
      <Title order={2} size="h4">
        {k("summaryTitle")}
      </Title>
      {effect.rows.length === 0 ? (
        <Text c="dimmed">{k("noDepartments")}</Text>
      ) : effect.kpis.length === 0 ? (
        <Text c="dimmed">{k("noKpis")}</Text>
      ) : (
        <>
          <List spacing={4} data-testid="effect-summary">
            {effect.summaries.map((summary) => (
              <List.Item key={summary.kpi.id}>{effectSummaryText(t, summary)}</List.Item>
            ))}
          </List>
          <GroupMeans effect={effect} />
        </>
      )}
      <Text size="sm" c="dimmed">
        {effect.pulse ? k("readinessFrom", { pulse: effect.pulse.title }) : k("noPulse")}
        {effect.requiredCourses === 0 ? ` ${k("noCourses")}` : ""}
      </Text>
      {effect.rows.length > 0 && (
        <>
          <Title order={2} size="h4">
            {k("table.title")}
          </Title>
          <DepartmentTable effect={effect} />
        </>
      )}
    </Stack>
  );
}

/** Per KPI and group: mean improvement, mean raw change, departments with data. */
function GroupMeans({ effect }: { effect: Effect }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`kpis.effect.${key}`);
  const mean = (value: number | null, precision: number) =>
    value === null ? "—" : signed(value, precision);
  return (
    <ScrollTable minWidth={700}>
      <PlainTable striped data-testid="effect-means">
        <caption>{k("means.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {k("means.kpi")}
            </th>
            {EFFECT_GROUPS.map((group) => (
              <th scope="colgroup" colSpan={3} key={group}>
                {k(`groups.${group}`)}
              </th>
            ))}
          </tr>
          <tr>
            {EFFECT_GROUPS.flatMap((group) => [
              <th scope="col" key={`${group}-gain`} style={ALIGN_END}>
                {k("means.improvement")}
              </th>,
              <th scope="col" key={`${group}-change`} style={ALIGN_END}>
                {k("means.change")}
              </th>,
              <th scope="col" key={`${group}-count`} style={ALIGN_END}>
                {k("means.departments")}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {effect.summaries.map(({ kpi, groups }) => (
            <tr key={kpi.id}>
              <th scope="row">{kpiText(t, kpi.name)}</th>
              {EFFECT_GROUPS.flatMap((group) => {
                const entry = groups[group];
                const gainSense = entry.meanGain === null ? 0 : Math.sign(entry.meanGain);
                return [
                  <td
                    key={`${group}-gain`}
                    style={{ ...ALIGN_END, color: SENSE_COLORS[gainSense as -1 | 0 | 1] }}
                  >
                    {mean(entry.meanGain, kpi.precision)}
                  </td>,
                  <td key={`${group}-change`} style={ALIGN_END}>
                    {mean(entry.meanChange, kpi.precision)}
                  </td>,
                  <td key={`${group}-count`} style={ALIGN_END}>
                    {entry.departments}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </PlainTable>
    </ScrollTable>
  );
}

function DepartmentTable({ effect }: { effect: Effect }) {
  const { t } = useTranslation();
  const k = (key: string, params?: Record<string, unknown>) =>
    t(`kpis.effect.${key}`, params ?? {});
  return (
    <ScrollTable minWidth={700 + effect.kpis.length * 140}>
      <PlainTable striped highlightOnHover data-testid="effect-table">
        <caption>{k("table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{k("table.department")}</th>
            <th scope="col" style={ALIGN_END}>
              {k("table.completion")}
            </th>
            <th scope="col" style={ALIGN_END}>
              {k("table.readiness")}
            </th>
            <th scope="col">{k("table.barrier")}</th>
            {effect.kpis.map((kpi) => (
              <th scope="col" key={kpi.id} style={ALIGN_END}>
                {kpiText(t, kpi.name)}
                <DimmedText>
                  {[kpiText(t, kpi.unit), t(`kpis.direction.${kpi.direction}`)]
                    .filter(Boolean)
                    .join(" · ")}
                </DimmedText>
              </th>
            ))}
            <th scope="col">{k("table.group")}</th>
          </tr>
        </thead>
        <tbody>
          {effect.rows.map((row) => (
            <tr key={row.departmentId} data-testid="effect-row" data-department={row.name}>
              <th scope="row" style={{ paddingInlineStart: 8 + row.depth * 20 }}>
                {row.name}
              </th>
              <td style={ALIGN_END}>{percent0(row.completion)}</td>
              <td style={ALIGN_END}>
                {row.readiness ? (
                  Math.round(row.readiness.score)
                ) : effect.pulse ? (
                  <PlainBadge color="gray" size="sm">
                    {k("suppressed", { count: effect.floor })}
                  </PlainBadge>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {row.readiness
                  ? row.readiness.barrier
                    ? t(`initiatives.elements.${row.readiness.barrier}`)
                    : k("table.noBarrier")
                  : "—"}
              </td>
              {effect.kpis.map((kpi) => {
                const cell = row.cells[kpi.id];
                if (!cell)
                  return (
                    <td key={kpi.id} style={ALIGN_END}>
                      <DimmedText>{k("table.notApplied")}</DimmedText>
                    </td>
                  );
                const href: AppPath = `/initiatives/kpis/${kpi.id}/departments/${row.departmentId}`;
                if (cell.change === null)
                  return (
                    <td key={kpi.id} style={ALIGN_END}>
                      <TextLink to={href}>{k("table.noData")}</TextLink>
                    </td>
                  );
                const style: CSSProperties = { color: SENSE_COLORS[cell.sense] };
                return (
                  <td key={kpi.id} style={ALIGN_END} data-sense={cell.sense}>
                    <TextLink to={href} style={style}>
                      {signed(cell.change, kpi.precision)}
                    </TextLink>{" "}
                    <span style={style}>{k(`table.${SENSE_WORD[cell.sense]}`)}</span>
                    <DimmedText>
                      {k("table.fromTo", {
                        from: fixedDecimals(cell.baselineValue!, kpi.precision),
                        to: fixedDecimals(cell.latestValue!, kpi.precision),
                      })}
                    </DimmedText>
                  </td>
                );
              })}
              <td>
                <PlainBadge color={GROUP_COLOUR[row.group]} size="sm">
                  {k(`groups.${row.group}`)}
                </PlainBadge>
              </td>
            </tr>
          ))}
        </tbody>
      </PlainTable>
    </ScrollTable>
  );
}
