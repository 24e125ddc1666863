import {
  Alert,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isFailure, FormError, useSchemaForm } from "~/lib/ui/forms";
import type { Principal } from "~/lib/permissions";
import { PageHeader } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, PlainBadge, PlainCard, PlainTable } from "~/lib/ui/plain";
import { ScrollTable } from "~/lib/ui/scroll-table";
import { InitiativeTabs } from "~/modules/initiatives";
import type { FlowComparison } from "../flow";
import { processPageForms } from "../forms";
import type { ProcessDetailView as ProcessDetail } from "../types";
import { formatMinutes, formatPercent } from "./figures";
import { ProcessFlow } from "./process-flow";
import { StepsEditor, StepsTable } from "./steps-table";

type Detail = SerializeFrom<ProcessDetail>;
type Choice = { value: string; label: string };

const detailsForm = processPageForms.options[0];

/** /initiatives/:id/processes/:processId: details, both versions, the flow and the comparison. */
export function ProcessPage({
  principal,
  detail,
  departments,
  actionData,
}: {
  principal: Principal;
  detail: Detail;
  departments: Choice[];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const { process } = detail;
  const base = `/initiatives/${process.initiativeId}/processes/${process.id}`;
  const intentOf = (value: unknown) =>
    typeof value === "object" && value !== null && "intent" in value
      ? (value as { intent?: string }).intent
      : undefined;
  const answerFor = (intent: string) => (intentOf(actionData) === intent ? actionData : undefined);
  // Both versions post the "steps" intent: the answer belongs to the one saved last.
  const [submittedVersion, setSubmittedVersion] = useState<string | null>(null);
  const versions = [
    { key: "AS_IS", steps: detail.asIs, figures: detail.figures.asIs },
    { key: "TO_BE", steps: detail.toBe, figures: detail.figures.toBe },
  ] as const;
  return (
    <Stack>
      <InitiativeTabs user={principal} initiativeId={process.initiativeId} />
      <PageHeader
        title={process.name}
        actions={
          <Group gap="xs">
            <Button component="a" href={`${base}/export`} variant="light" download>
              {t("processes.page.exportCsv")}
            </Button>
            {detail.canDelete && <DeleteProcess answer={answerFor("delete")} />}
          </Group>
        }
      />
      <Text size="sm" c="dimmed">
        {t("processes.page.ownedBy", { department: process.departmentName })}
        {process.outcome ? ` · ${process.outcome}` : ""}
      </Text>
      {detail.canUpdate ? (
        <DetailsForm
          key={`details-${process.revision}`}
          detail={detail}
          departments={departments}
          actionData={answerFor("details")}
        />
      ) : (
        <Alert color="gray">{t("processes.page.readOnly")}</Alert>
      )}
      <ComparisonPanel comparison={detail.comparison} />
      {versions.map((version) => (
        <PlainCard key={version.key} data-testid={`version-${version.key}`}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h3">
                {t(`processes.version.${version.key}`)}
              </Title>
              <Text size="sm">
                {t("processes.page.versionSummary", {
                  steps: version.figures.steps,
                  total: formatMinutes(t, version.figures.totalMinutes),
                  critical: formatMinutes(t, version.figures.criticalPathMinutes),
                })}
              </Text>
            </Group>
            {version.key === "TO_BE" && detail.canUpdate && (
              <CopyToBe
                revision={process.revision}
                toBeSteps={detail.toBe.length}
                asIsSteps={detail.asIs.length}
                answer={answerFor("copy")}
              />
            )}
            <ProcessFlow
              steps={version.steps}
              bottleneckStepId={version.figures.bottleneckStepId}
              title={`${process.name} · ${t(`processes.version.${version.key}`)}`}
              fileName={`process-${version.key === "AS_IS" ? "as-is" : "to-be"}`}
              testId={`flow-${version.key}`}
            />
            {detail.canUpdate ? (
              <StepsEditor
                key={`steps-${version.key}-${process.revision}`}
                version={version.key}
                revision={process.revision}
                steps={version.steps}
                bottleneckStepId={version.figures.bottleneckStepId}
                actionData={submittedVersion === version.key ? answerFor("steps") : undefined}
                onSubmitted={() => setSubmittedVersion(version.key)}
              />
            ) : (
              <StepsTable
                steps={version.steps}
                bottleneckStepId={version.figures.bottleneckStepId}
              />
            )}
          </Stack>
        </PlainCard>
      ))}
    </Stack>
  );
}

function DetailsForm({
  detail,
  departments,
  actionData,
}: {
  detail: Detail;
  departments: Choice[];
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { process } = detail;
  const { form, field, onSubmit, formError } = useSchemaForm(detailsForm, {
    defaultValues: {
      intent: "details",
      name: process.name,
      departmentId: process.departmentId,
      outcome: process.outcome ?? "",
      revision: process.revision,
    },
    actionData,
    json: true,
  });
  const saved = !!actionData && !isFailure(actionData);
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="process-details-form">
      <FormError message={formError} />
      {saved && (
        <Alert color="green" mb="sm" role="status">
          {t("processes.page.detailsSaved")}
        </Alert>
      )}
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("revision")} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t("processes.fields.name")} {...field("name")} />
        <NativeSelect
          label={t("processes.fields.department")}
          data={
            departments.some((d) => d.value === process.departmentId)
              ? departments
              : [{ value: process.departmentId, label: process.departmentName }, ...departments]
          }
          {...field("departmentId")}
        />
        <Textarea
          label={t("processes.fields.outcome")}
          autosize
          minRows={1}
          {...field("outcome")}
        />
      </SimpleGrid>
      <Button type="submit" mt="sm" variant="light" loading={navigation.state === "submitting"}>
        {t("processes.page.saveDetails")}
      </Button>
    </Form>
  );
}

/** The inline "are you sure" of a button, so no browser dialog interrupts. */
function useConfirm() {
  const [asking, setAsking] = useState(false);
  return { asking, ask: () => setAsking(true), cancel: () => setAsking(false) };
}

function CopyToBe({
  revision,
  toBeSteps,
  asIsSteps,
  answer,
}: {
  revision: number;
  toBeSteps: number;
  asIsSteps: number;
  answer: unknown;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const confirm = useConfirm();
  const copy = (replace: boolean) =>
    submit({ intent: "copy", revision, replace }, { method: "post", encType: "application/json" });
  const failure = isFailure(answer) ? answer : undefined;
  return (
    <Stack gap="xs">
      {failure && (
        <Alert color="red" role="alert">
          {t(failure.formError)}
        </Alert>
      )}
      {confirm.asking ? (
        <Alert color="yellow" title={t("processes.copy.confirmTitle")} data-testid="copy-confirm">
          <Text size="sm" mb="xs">
            {t("processes.copy.confirmBody", { count: toBeSteps })}
          </Text>
          <Group gap="xs">
            <Button size="compact-sm" color="red" onClick={() => copy(true)}>
              {t("processes.copy.replace")}
            </Button>
            <Button size="compact-sm" variant="default" onClick={confirm.cancel}>
              {t("actions.cancel")}
            </Button>
          </Group>
        </Alert>
      ) : (
        <div>
          <Button
            size="compact-sm"
            variant="light"
            disabled={asIsSteps === 0}
            onClick={() => (toBeSteps > 0 ? confirm.ask() : copy(false))}
          >
            {t("processes.copy.button")}
          </Button>
        </div>
      )}
    </Stack>
  );
}

function DeleteProcess({ answer }: { answer: unknown }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const confirm = useConfirm();
  const failure = isFailure(answer) ? answer : undefined;
  if (!confirm.asking)
    return (
      <Button variant="subtle" color="red" onClick={confirm.ask}>
        {failure ? t(failure.formError) : t("processes.page.delete")}
      </Button>
    );
  return (
    <Group gap="xs">
      <Text size="sm">{t("processes.page.deleteConfirm")}</Text>
      <Button
        color="red"
        size="compact-sm"
        onClick={() =>
          submit({ intent: "delete" }, { method: "post", encType: "application/json" })
        }
      >
        {t("processes.page.delete")}
      </Button>
      <Button size="compact-sm" variant="default" onClick={confirm.cancel}>
        {t("actions.cancel")}
      </Button>
    </Group>
  );
}

/** As-is against to-be: the figures side by side with the change, then the step changes. */
function ComparisonPanel({ comparison }: { comparison: FlowComparison }) {
  const { t } = useTranslation();
  const { asIs, toBe } = comparison;
  const minutes = (value: number) => formatMinutes(t, value);
  const change = (from: number, to: number, format: (n: number) => string) => {
    const delta = Math.round((to - from) * 100) / 100;
    if (delta === 0) return "±0";
    return `${delta > 0 ? "+" : "−"}${format(Math.abs(delta))}`;
  };
  const rows = [
    { key: "totalTime", from: asIs.totalMinutes, to: toBe.totalMinutes, format: minutes },
    {
      key: "criticalPath",
      from: asIs.criticalPathMinutes,
      to: toBe.criticalPathMinutes,
      format: minutes,
    },
    { key: "steps", from: asIs.steps, to: toBe.steps, format: String },
    { key: "automated", from: asIs.automated, to: toBe.automated, format: String },
    {
      key: "errorRate",
      from: asIs.expectedErrorRate,
      to: toBe.expectedErrorRate,
      format: (n: number) => formatPercent(n),
    },
  ];
  return (
    <PlainCard data-testid="comparison">
      <Title order={2} size="h3" mb="sm">
        {t("processes.comparison.title")}
      </Title>
      <ScrollTable minWidth={640}>
        <PlainTable>
          <thead>
            <tr>
              <th scope="col">{t("processes.comparison.figure")}</th>
              <th scope="col" style={ALIGN_END}>
                {t("processes.version.AS_IS")}
              </th>
              <th scope="col" style={ALIGN_END}>
                {t("processes.version.TO_BE")}
              </th>
              <th scope="col" style={ALIGN_END}>
                {t("processes.comparison.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid={`comparison-${row.key}`}>
                <th scope="row">{t(`processes.comparison.${row.key}`)}</th>
                <td style={ALIGN_END}>{row.format(row.from)}</td>
                <td style={ALIGN_END}>{row.format(row.to)}</td>
                <td style={ALIGN_END}>{change(row.from, row.to, row.format)}</td>
              </tr>
            ))}
          </tbody>
        </PlainTable>
      </ScrollTable>
      <Group gap="xs" mt="sm" data-testid="comparison-changes">
        {(["stepsRemoved", "stepsAdded", "stepsAutomated", "stepsParallelised"] as const).map(
          (key) => (
            <PlainBadge key={key} color={comparison[key] > 0 ? "blue" : "gray"}>
              {t(`processes.comparison.${key}`, { count: comparison[key] })}
            </PlainBadge>
          ),
        )}
      </Group>
      <DimmedText>{t("processes.comparison.hint")}</DimmedText>
    </PlainCard>
  );
}
