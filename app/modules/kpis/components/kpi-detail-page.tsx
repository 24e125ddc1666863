import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { FormTextInput } from "~/lib/ui/plain-inputs";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, isoDate } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { can } from "~/lib/permissions";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, PlainBadge, TextLink } from "~/lib/ui/plain";
import type { KpiPeriodValue } from "../periods";
import { kpiEditForms, type KpiValueRules } from "../schemas";
import type { KpiDirectionValue, KpiStatusValue } from "../status";
import { formatKpiValue, kpiText } from "../texts";
import { KpiDefinitionForm } from "./definition-form";
import { KpiNav } from "./kpi-nav";
import { KpiStatusBadge } from "./kpi-status-badge";

export interface KpiDetailData {
  viewer: Principal;
  kpi: {
    id: string;
    template: string | null;
    name: string;
    unit: string;
    description: string;
    direction: KpiDirectionValue;
    precision: number;
    period: KpiPeriodValue;
    minValue: number | null;
    maxValue: number | null;
    initiativeId: string | null;
    archived: boolean;
    revision: number;
  };
  hasActuals: boolean;
  initiative: { id: string; name: string } | null;
  phases: { id: string; name: string; startsOn: Date | string; endsOn: Date | string }[];
  plans: {
    departmentId: string;
    departmentName: string;
    baselineValue: number | null;
    baselineOn: Date | string | null;
    targetValue: number | null;
    targetOn: Date | string | null;
    latestValue: number | null;
    status: KpiStatusValue;
    phaseTargets: { phaseId: string; value: number }[];
  }[];
  departmentChoices: { value: string; label: string }[];
  initiativeChoices: { value: string; label: string }[];
  /** The department whose plan is being edited (?department=). */
  editing: string | null;
}

const phaseName = (t: (key: string) => string, name: string) =>
  name.startsWith("initiatives.phases.template.") ? t(name) : name;

/** One KPI: its definition, the departments it applies to with their plans, and the edits. */
export function KpiDetailPage({ data, actionData }: { data: KpiDetailData; actionData: unknown }) {
  const { t, i18n } = useTranslation();
  const { kpi } = data;
  const canEdit = can(data.viewer, "update", "Kpi");
  const rules: KpiValueRules = kpi;
  const editing = data.plans.find((p) => p.departmentId === data.editing);
  return (
    <>
      <PageHeader
        title={kpiText(t, kpi.name)}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/initiatives/kpis?kpi=${kpi.id}`} variant="light">
              {t("kpis.detail.onBoard")}
            </Button>
            {canEdit && <ArchiveForm kpi={kpi} actionData={actionData} />}
          </Group>
        }
      />
      <KpiNav user={data.viewer} />
      <Group gap="xs" mb="md">
        <PlainBadge color="blue">{t(`kpis.direction.${kpi.direction}`)}</PlainBadge>
        <PlainBadge color="gray">{t(`kpis.period.${kpi.period}`)}</PlainBadge>
        {kpi.archived && <PlainBadge color="dark">{t("kpis.detail.archived")}</PlainBadge>}
        {data.initiative && (
          <TextLink to={`/initiatives/${data.initiative.id}`} size="sm">
            {data.initiative.name}
          </TextLink>
        )}
      </Group>
      {kpi.description && (
        <Text size="sm" mb="md">
          {kpiText(t, kpi.description)}
        </Text>
      )}
      <Title order={2} size="h4" mb="xs">
        {t("kpis.detail.departments")}
      </Title>
      <ListTable
        minWidth={820}
        columns={[
          t("kpis.board.department"),
          t("kpis.board.baseline"),
          t("kpis.board.target"),
          t("kpis.detail.phaseTargets"),
          t("kpis.board.latest"),
          t("kpis.board.status"),
          "",
        ]}
      >
        {data.plans.map((plan) => (
          <tr key={plan.departmentId} data-testid="kpi-plan-row">
            <td>
              <Anchor
                component={Link}
                to={`/initiatives/kpis/${kpi.id}/departments/${plan.departmentId}`}
                size="sm"
              >
                {plan.departmentName}
              </Anchor>
            </td>
            <td style={ALIGN_END}>
              {formatKpiValue(t, plan.baselineValue, kpi, i18n.language)}
              {plan.baselineOn && (
                <DimmedText>{formatDate(plan.baselineOn, i18n.language)}</DimmedText>
              )}
            </td>
            <td style={ALIGN_END}>
              {formatKpiValue(t, plan.targetValue, kpi, i18n.language)}
              {plan.targetOn && <DimmedText>{formatDate(plan.targetOn, i18n.language)}</DimmedText>}
            </td>
            <td style={ALIGN_END}>{plan.phaseTargets.length}</td>
            <td style={ALIGN_END}>{formatKpiValue(t, plan.latestValue, kpi, i18n.language)}</td>
            <td>
              <KpiStatusBadge status={plan.status} />
            </td>
            <td>
              {canEdit && (
                <Group gap="xs" wrap="nowrap">
                  <TextLink to={`?department=${plan.departmentId}#plan`} size="sm">
                    {t("kpis.detail.editPlan")}
                  </TextLink>
                  <RemoveDepartmentForm
                    departmentId={plan.departmentId}
                    name={plan.departmentName}
                  />
                </Group>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
      {data.plans.length === 0 && (
        <Text c="dimmed" size="sm" my="sm">
          {t("kpis.detail.noDepartments")}
        </Text>
      )}
      {canEdit && editing && (
        <PlanForm
          key={editing.departmentId}
          kpiRules={rules}
          plan={editing}
          phases={data.phases}
          actionData={actionDataFor(actionData as never, "plan" as never)}
        />
      )}
      {canEdit && data.departmentChoices.length > 0 && (
        <AddDepartmentsForm
          choices={data.departmentChoices}
          actionData={actionDataFor(actionData as never, "addDepartments" as never)}
        />
      )}
      {canEdit && (
        <Paper withBorder p="md" mt="lg">
          <Title order={2} size="h4" mb="sm">
            {t("kpis.detail.definition")}
          </Title>
          <KpiDefinitionForm
            mode="edit"
            revision={kpi.revision}
            hasActuals={data.hasActuals}
            initiativeChoices={data.initiativeChoices}
            actionData={actionDataFor(actionData as never, "details" as never)}
            defaultValues={{
              template: kpi.template ?? "",
              name: kpiText(t, kpi.name),
              storedName: kpi.name,
              unit: kpiText(t, kpi.unit),
              storedUnit: kpi.unit,
              direction: kpi.direction,
              precision: String(kpi.precision),
              period: kpi.period,
              minValue: kpi.minValue === null ? "" : String(kpi.minValue),
              maxValue: kpi.maxValue === null ? "" : String(kpi.maxValue),
              description: kpiText(t, kpi.description),
              storedDescription: kpi.description,
              initiativeId: kpi.initiativeId ?? "",
            }}
          />
        </Paper>
      )}
    </>
  );
}

const numberText = (value: number | null) => (value === null ? "" : String(value));

/** One department's baseline, target and per-phase targets. */
function PlanForm({
  kpiRules,
  plan,
  phases,
  actionData,
}: {
  kpiRules: KpiValueRules;
  plan: KpiDetailData["plans"][number];
  phases: KpiDetailData["phases"];
  actionData: unknown;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const schema = kpiEditForms(kpiRules).options[3];
  const { form, field, onSubmit, formError } = useSchemaForm(schema, {
    json: true,
    actionData,
    defaultValues: {
      intent: "plan",
      departmentId: plan.departmentId,
      baselineValue: numberText(plan.baselineValue),
      baselineOn: plan.baselineOn ? isoDate(plan.baselineOn) : "",
      targetValue: numberText(plan.targetValue),
      targetOn: plan.targetOn ? isoDate(plan.targetOn) : "",
      phaseTargets: phases.map((phase) => ({
        phaseId: phase.id,
        value: numberText(plan.phaseTargets.find((p) => p.phaseId === phase.id)?.value ?? null),
      })),
    },
  });
  const saved = (actionData as { ok?: boolean } | undefined)?.ok === true;
  const range = [kpiRules.minValue, kpiRules.maxValue].some((v) => v !== null)
    ? t("kpis.detail.range", {
        min: kpiRules.minValue ?? "−∞",
        max: kpiRules.maxValue ?? "∞",
      })
    : undefined;
  return (
    <Paper withBorder p="md" mt="md" id="plan">
      <Title order={2} size="h4" mb="sm">
        {t("kpis.detail.planTitle", { department: plan.departmentName })}
      </Title>
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="kpi-plan-form">
        <FormError message={formError} />
        {saved && (
          <Text c="teal" size="sm" mb="sm" role="status">
            {t("kpis.detail.planSaved")}
          </Text>
        )}
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <FormTextInput
              label={t("kpis.detail.baselineValue")}
              description={range}
              inputMode="decimal"
              {...field("baselineValue")}
            />
            <FormTextInput
              type="date"
              label={t("kpis.detail.baselineOn")}
              {...field("baselineOn")}
            />
            <FormTextInput
              label={t("kpis.detail.targetValue")}
              inputMode="decimal"
              {...field("targetValue")}
            />
            <FormTextInput type="date" label={t("kpis.detail.targetOn")} {...field("targetOn")} />
          </SimpleGrid>
          {phases.length > 0 && (
            <>
              <Text size="sm" fw={500}>
                {t("kpis.detail.phaseTargetsHint")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: Math.min(phases.length, 4) }}>
                {phases.map((phase, index) => (
                  <FormTextInput
                    key={phase.id}
                    label={phaseName(t, phase.name)}
                    description={t("kpis.detail.byDate", {
                      date: formatDate(phase.endsOn, i18n.language),
                    })}
                    inputMode="decimal"
                    {...field(`phaseTargets.${index}.value`)}
                  />
                ))}
              </SimpleGrid>
            </>
          )}
          <input type="hidden" {...form.register("departmentId")} />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("kpis.detail.savePlan")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function AddDepartmentsForm({
  choices,
  actionData,
}: {
  choices: { value: string; label: string }[];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const schema = kpiEditForms({ minValue: null, maxValue: null, precision: 0 }).options[1];
  const { form, onSubmit, formError, field } = useSchemaForm(schema, {
    json: true,
    actionData,
    defaultValues: { intent: "addDepartments", departmentIds: [] },
  });
  const error = field("departmentIds").error;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="kpi-add-departments">
      <FormError message={formError} />
      <Group align="flex-end" mt="md">
        <MultiSelect
          label={t("kpis.detail.addDepartments")}
          placeholder={t("kpis.detail.addDepartmentsPlaceholder")}
          data={choices}
          searchable
          clearable
          miw={320}
          error={error}
          onChange={(values) =>
            form.setValue("departmentIds", values, { shouldValidate: form.formState.isSubmitted })
          }
        />
        <Button type="submit" variant="light" loading={navigation.state === "submitting"}>
          {t("kpis.detail.add")}
        </Button>
      </Group>
    </Form>
  );
}

function RemoveDepartmentForm({ departmentId, name }: { departmentId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(t("kpis.detail.removeConfirm", { department: name })))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="removeDepartment" />
      <input type="hidden" name="departmentId" value={departmentId} />
      <Button type="submit" size="compact-xs" variant="subtle" color="red">
        {t("kpis.detail.remove")}
      </Button>
    </Form>
  );
}

function ArchiveForm({ kpi, actionData }: { kpi: KpiDetailData["kpi"]; actionData: unknown }) {
  const { t } = useTranslation();
  const failure = actionDataFor(actionData as never, "archive" as never) as
    { formError?: string } | undefined;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="archive" />
      <input type="hidden" name="revision" value={kpi.revision} />
      <input type="hidden" name="archived" value={kpi.archived ? "false" : "true"} />
      <Button type="submit" variant="subtle" color={kpi.archived ? "teal" : "gray"}>
        {kpi.archived ? t("kpis.detail.restore") : t("kpis.detail.archive")}
      </Button>
      {failure?.formError && (
        <Text c="red" size="xs">
          {t(failure.formError)}
        </Text>
      )}
    </Form>
  );
}
