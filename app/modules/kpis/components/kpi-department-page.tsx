import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/lib/dates";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { ListTable } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, TextLink } from "~/lib/ui/plain";
import type { KpiPeriodValue } from "../periods";
import { actualForms } from "../schemas";
import type { KpiStatusValue } from "../status";
import { formatKpiValue, kpiText } from "../texts";
import { KpiChart, type KpiChartProps } from "./kpi-chart";
import { KpiStatusBadge } from "./kpi-status-badge";

type DateLike = Date | string;

export interface KpiDepartmentPageProps {
  data: {
    kpi: {
      id: string;
      name: string;
      unit: string;
      precision: number;
      period: KpiPeriodValue;
      minValue: number | null;
      maxValue: number | null;
    };
    department: { id: string; name: string };
    plan: {
      baselineValue: number | null;
      baselineOn: DateLike | null;
      targetValue: number | null;
      targetOn: DateLike | null;
      latestValue: number | null;
      status: KpiStatusValue;
    };
    initiative: { id: string; name: string } | null;
    phases: KpiChartProps["phases"];
    path: KpiChartProps["path"];
    rollouts: (KpiChartProps["rollouts"][number] & { requiredOn: DateLike })[];
    series: KpiChartProps["series"];
    actuals: {
      page: { page: number; pageCount: number; total: number };
      rows: {
        period: string;
        value: number;
        expected: number | null;
        source: string;
        updatedAt: DateLike;
        updatedBy: string | null;
      }[];
    };
    can: { create: boolean; update: boolean; delete: boolean };
    /** The period being corrected (?edit=), its form prefilled. */
    editing: { period: string; value: number } | null;
  };
  actionData: unknown;
}

/** One KPI in one department: plan, chart, the actuals table and the entry form. */
export function KpiDepartmentPage({ data, actionData }: KpiDepartmentPageProps) {
  const { t, i18n } = useTranslation();
  const { kpi, plan } = data;
  const value = (v: number | null) => formatKpiValue(t, v, kpi, i18n.language);
  const date = (d: DateLike | null) => (d ? formatDate(d, i18n.language) : null);
  const name = kpiText(t, kpi.name);
  return (
    <>
      <PageHeader
        title={t("kpis.chart.pageTitle", { kpi: name, department: data.department.name })}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/initiatives/kpis/${kpi.id}`} variant="subtle">
              {t("kpis.chart.back", { kpi: name })}
            </Button>
            <Button
              component="a"
              href={`/initiatives/kpis/${kpi.id}/departments/${data.department.id}/export`}
              variant="light"
            >
              {t("kpis.chart.export")}
            </Button>
          </Group>
        }
      />
      {data.initiative && (
        <Anchor component={Link} to={`/initiatives/${data.initiative.id}`} size="sm" mb="sm">
          {data.initiative.name}
        </Anchor>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} my="md" data-testid="kpi-department-summary">
        <Summary
          label={t("kpis.board.baseline")}
          value={value(plan.baselineValue)}
          on={date(plan.baselineOn)}
        />
        <Summary
          label={t("kpis.board.target")}
          value={value(plan.targetValue)}
          on={date(plan.targetOn)}
        />
        <Summary label={t("kpis.board.latest")} value={value(plan.latestValue)} />
        <div>
          <DimmedText>{t("kpis.board.status")}</DimmedText>
          <KpiStatusBadge status={plan.status} />
        </div>
      </SimpleGrid>
      <Paper withBorder p="md" mb="md">
        <KpiChart
          kpi={kpi}
          departmentName={data.department.name}
          baseline={{ value: plan.baselineValue, on: plan.baselineOn }}
          path={data.path}
          phases={data.phases}
          series={data.series}
          rollouts={data.rollouts}
        />
        {data.rollouts.length > 0 && (
          <Stack gap={2} mt="sm" data-testid="kpi-rollouts">
            {data.rollouts.map((r) => (
              <Text key={r.courseId} size="xs" c="dimmed">
                {r.rolledOutOn
                  ? t("kpis.chart.rolledOut", { course: r.title, date: date(r.rolledOutOn) })
                  : t("kpis.chart.notRolledOut", { course: r.title, date: date(r.requiredOn) })}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
      {(data.can.create || data.can.update) && (
        <ActualForm
          key={data.editing?.period ?? "new"}
          data={data}
          actionData={actionDataFor(actionData as never, "set" as never)}
        />
      )}
      <Title order={2} size="h4" mb="xs">
        {t("kpis.chart.actuals")}
      </Title>
      <ListTable
        minWidth={720}
        columns={[
          t("kpis.chart.period"),
          t("kpis.chart.value"),
          t("kpis.chart.expected"),
          t("kpis.chart.entered"),
          "",
        ]}
      >
        {data.actuals.rows.map((row) => (
          <tr key={row.period} data-testid="kpi-actual-row" data-period={row.period}>
            <td>{row.period}</td>
            <td style={ALIGN_END}>{value(row.value)}</td>
            <td style={ALIGN_END}>{value(row.expected)}</td>
            <td>
              <DimmedText>
                {t(`kpis.chart.source.${row.source}`)} · {row.updatedBy ?? "—"} ·{" "}
                {formatDateTime(row.updatedAt, i18n.language)}
              </DimmedText>
            </td>
            <td>
              <Group gap="xs" wrap="nowrap">
                {data.can.update && (
                  <TextLink to={`?edit=${row.period}#actual`} size="sm">
                    {t("kpis.chart.edit")}
                  </TextLink>
                )}
                {data.can.delete && <DeleteActualForm period={row.period} />}
              </Group>
            </td>
          </tr>
        ))}
      </ListTable>
      {data.actuals.rows.length === 0 && (
        <Text c="dimmed" size="sm" my="sm">
          {t("kpis.chart.noActuals")}
        </Text>
      )}
      <UrlPagination page={data.actuals.page.page} pageCount={data.actuals.page.pageCount} />
    </>
  );
}

function Summary({ label, value, on }: { label: string; value: string; on?: string | null }) {
  return (
    <div>
      <DimmedText>{label}</DimmedText>
      <Text fw={600}>{value}</Text>
      {on && <DimmedText>{on}</DimmedText>}
    </div>
  );
}

/** Enter a period's value; re-entering a period (or "Edit") corrects it. */
function ActualForm({
  data,
  actionData,
}: {
  data: KpiDepartmentPageProps["data"];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const schema = actualForms(data.kpi).options[0];
  const { form, field, onSubmit, formError } = useSchemaForm(schema, {
    actionData,
    defaultValues: {
      intent: "set",
      period: data.editing?.period ?? "",
      value: data.editing ? String(data.editing.value) : "",
    },
  });
  const saved = (actionData as { ok?: boolean } | undefined)?.ok === true;
  const range = [data.kpi.minValue, data.kpi.maxValue].some((v) => v !== null)
    ? t("kpis.detail.range", { min: data.kpi.minValue ?? "−∞", max: data.kpi.maxValue ?? "∞" })
    : undefined;
  return (
    <Paper withBorder p="md" mb="md" id="actual">
      <Title order={2} size="h4" mb="sm">
        {data.editing
          ? t("kpis.chart.editTitle", { period: data.editing.period })
          : t("kpis.chart.enterTitle")}
      </Title>
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="kpi-actual-form">
        <FormError message={formError} />
        {saved && (
          <Text c="teal" size="sm" mb="sm" role="status">
            {t("kpis.chart.saved")}
          </Text>
        )}
        <input type="hidden" {...form.register("intent")} />
        <Group align="flex-start">
          <TextInput
            label={t("kpis.chart.period")}
            description={t(`kpis.chart.periodHint.${data.kpi.period}`)}
            {...field("period")}
          />
          <TextInput
            label={t("kpis.chart.value")}
            description={range}
            inputMode="decimal"
            {...field("value")}
          />
          <Button type="submit" mt={44} loading={navigation.state === "submitting"}>
            {t("kpis.chart.save")}
          </Button>
        </Group>
      </Form>
    </Paper>
  );
}

function DeleteActualForm({ period }: { period: string }) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(t("kpis.chart.deleteConfirm", { period }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="periodStart" value={period} />
      <Button type="submit" size="compact-xs" variant="subtle" color="red">
        {t("kpis.chart.delete")}
      </Button>
    </Form>
  );
}
