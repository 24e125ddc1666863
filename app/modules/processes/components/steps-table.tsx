import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type DragEvent } from "react";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { ALIGN_END, DimmedText, PlainBadge, PlainTable } from "~/lib/ui/plain";
import { ScrollTable } from "~/lib/ui/scroll-table";
import { SearchPicker } from "~/lib/ui/search-picker";
import type { ProcessVersionValue, TrainingWarning } from "../flow";
import { processPageForms } from "../forms";
import type { ProcessDetailView as ProcessDetail } from "../types";
import { formatMinutes, formatPercent } from "./figures";

type StoredStep =
  SerializeFrom<ProcessDetail>["toBe"][number] | SerializeFrom<ProcessDetail>["asIs"][number];

const stepsForm = processPageForms.options[1];
const COURSE_SOURCE = "/initiatives/process-courses";

const warningOf = (step: StoredStep | undefined): TrainingWarning | null =>
  step && "warning" in step ? step.warning : null;

/** The course, its completion in the owning department and the to-be training warning. */
function TrainingCell({ step }: { step: StoredStep | undefined }) {
  const { t } = useTranslation();
  if (!step) return <DimmedText>{t("processes.steps.notSaved")}</DimmedText>;
  const warning = warningOf(step);
  return (
    <>
      {step.courseTitle ? (
        <Text size="sm">
          {step.courseTitle} ·{" "}
          {t("processes.steps.completion", { value: formatPercent(step.completion) })}
        </Text>
      ) : (
        <DimmedText>{t("processes.steps.noCourse")}</DimmedText>
      )}
      {warning && (
        <PlainBadge color="orange">
          <span data-testid="training-warning">{t(`processes.warning.${warning}`)}</span>
        </PlainBadge>
      )}
    </>
  );
}

function BottleneckBadge() {
  const { t } = useTranslation();
  return (
    <PlainBadge color="red" variant="filled">
      <span data-testid="bottleneck-badge">{t("processes.flow.bottleneck")}</span>
    </PlainBadge>
  );
}

/** The read-only steps (a viewer who may not edit): the same columns, as text. */
export function StepsTable({
  steps,
  bottleneckStepId,
}: {
  steps: StoredStep[];
  bottleneckStepId: string | null;
}) {
  const { t } = useTranslation();
  if (steps.length === 0) return <DimmedText size="sm">{t("processes.steps.empty")}</DimmedText>;
  return (
    <ScrollTable minWidth={640}>
      <PlainTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t("processes.steps.name")}</Table.Th>
            <Table.Th>{t("processes.steps.ownerRole")}</Table.Th>
            <Table.Th>{t("processes.steps.tool")}</Table.Th>
            <Table.Th style={ALIGN_END}>{t("processes.steps.minutes")}</Table.Th>
            <Table.Th style={ALIGN_END}>{t("processes.steps.errorRate")}</Table.Th>
            <Table.Th>{t("processes.steps.kind")}</Table.Th>
            <Table.Th>{t("processes.steps.training")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((step, index) => (
            <Table.Tr key={step.id} data-bottleneck={step.id === bottleneckStepId || undefined}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>
                {step.name} {step.id === bottleneckStepId && <BottleneckBadge />}
                {step.parallelWithPrevious && index > 0 && (
                  <DimmedText>{t("processes.steps.parallelNote")}</DimmedText>
                )}
              </Table.Td>
              <Table.Td>{step.ownerRole}</Table.Td>
              <Table.Td>{step.tool}</Table.Td>
              <Table.Td style={ALIGN_END}>{formatMinutes(t, step.minutes)}</Table.Td>
              <Table.Td style={ALIGN_END}>{formatPercent(step.errorRate)}</Table.Td>
              <Table.Td>
                {step.automated ? t("processes.flow.automated") : t("processes.flow.manual")}
              </Table.Td>
              <Table.Td>
                <TrainingCell step={step} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PlainTable>
    </ScrollTable>
  );
}

const blankStep = {
  id: null,
  name: "",
  ownerRole: "",
  tool: "",
  minutes: "",
  errorRate: "0",
  automated: false,
  parallelWithPrevious: false,
  courseId: null,
  sourceStepId: null,
};

/**
 * One version's steps as an editable table: add, remove, reorder (drag a row, or the move
 * buttons from the keyboard) and Save, which posts the whole version in the order shown.
 */
export function StepsEditor({
  version,
  revision,
  steps,
  bottleneckStepId,
  actionData,
  onSubmitted,
}: {
  version: ProcessVersionValue;
  revision: number;
  steps: StoredStep[];
  bottleneckStepId: string | null;
  actionData: unknown;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, errorFor, onSubmit, formError } = useSchemaForm(stepsForm, {
    defaultValues: {
      intent: "steps",
      version,
      revision,
      steps: steps.map((step) => ({
        id: step.id,
        name: step.name,
        ownerRole: step.ownerRole,
        tool: step.tool,
        minutes: String(step.minutes),
        errorRate: String(step.errorRate),
        automated: step.automated,
        parallelWithPrevious: step.parallelWithPrevious,
        courseId: step.courseId,
        sourceStepId: step.sourceStepId,
      })),
    },
    actionData,
    json: true,
  });
  const rows = useFieldArray({ control: form.control, name: "steps" });
  const [dragged, setDragged] = useState<number | null>(null);
  const stored = new Map(steps.map((step) => [step.id, step]));
  const label = (index: number, column: string) =>
    t("processes.steps.cellLabel", { position: index + 1, column: t(`processes.steps.${column}`) });
  const saved = !!actionData && !isFailure(actionData);
  const listError = errorFor("steps");
  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragged !== null && dragged !== index) rows.move(dragged, index);
    setDragged(null);
  };
  const prefix = version === "AS_IS" ? "as-is" : "to-be";
  return (
    <Form
      method="post"
      noValidate
      data-testid={`steps-form-${prefix}`}
      onSubmit={(event) => {
        onSubmitted();
        onSubmit(event);
      }}
    >
      <FormError message={formError} />
      {saved && (
        <Alert color="green" role="status" mb="sm">
          {t("processes.steps.saved")}
        </Alert>
      )}
      {listError && (
        <Alert color="red" role="alert" mb="sm">
          {listError}
        </Alert>
      )}
      {rows.fields.length === 0 ? (
        <DimmedText size="sm">{t("processes.steps.empty")}</DimmedText>
      ) : (
        <ScrollTable minWidth={640}>
          <PlainTable>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("processes.steps.order")}</Table.Th>
                <Table.Th>{t("processes.steps.name")}</Table.Th>
                <Table.Th>{t("processes.steps.ownerRole")}</Table.Th>
                <Table.Th>{t("processes.steps.tool")}</Table.Th>
                <Table.Th>{t("processes.steps.minutes")}</Table.Th>
                <Table.Th>{t("processes.steps.errorRate")}</Table.Th>
                <Table.Th>{t("processes.steps.options")}</Table.Th>
                <Table.Th>{t("processes.steps.training")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("processes.steps.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.fields.map((row, index) => {
                const stepId = form.getValues(`steps.${index}.id`);
                const step = stepId ? stored.get(stepId) : undefined;
                const isBottleneck = !!stepId && stepId === bottleneckStepId;
                const text = (column: "name" | "ownerRole" | "tool" | "minutes" | "errorRate") => {
                  const error = errorFor(`steps.${index}.${column}`);
                  return (
                    <TextInput
                      size="xs"
                      aria-label={label(index, column)}
                      error={error}
                      aria-invalid={error ? true : undefined}
                      inputMode={
                        column === "minutes" || column === "errorRate" ? "decimal" : undefined
                      }
                      w={
                        column === "name"
                          ? 180
                          : column === "minutes" || column === "errorRate"
                            ? 80
                            : 130
                      }
                      {...form.register(`steps.${index}.${column}`)}
                    />
                  );
                };
                return (
                  <Table.Tr
                    key={row.id}
                    data-testid={`step-row-${prefix}`}
                    data-bottleneck={isBottleneck || undefined}
                    onDragOver={(event) => event.preventDefault()}
                    onDrop={(event) => drop(event, index)}
                    style={dragged === index ? { opacity: 0.5 } : undefined}
                  >
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <span
                          draggable
                          data-testid="drag-handle"
                          onDragStart={(event) => {
                            event.dataTransfer.effectAllowed = "move";
                            event.dataTransfer.setData("text/plain", String(index));
                            setDragged(index);
                          }}
                          onDragEnd={() => setDragged(null)}
                          title={t("processes.steps.dragHint")}
                          style={{ cursor: "grab", padding: "0 4px" }}
                          aria-hidden
                        >
                          ⠿
                        </span>
                        <Text size="sm">{index + 1}</Text>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={t("processes.steps.moveUp", { position: index + 1 })}
                          disabled={index === 0}
                          onClick={() => rows.move(index, index - 1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={t("processes.steps.moveDown", { position: index + 1 })}
                          disabled={index === rows.fields.length - 1}
                          onClick={() => rows.move(index, index + 1)}
                        >
                          ↓
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {text("name")}
                      {isBottleneck && <BottleneckBadge />}
                    </Table.Td>
                    <Table.Td>{text("ownerRole")}</Table.Td>
                    <Table.Td>{text("tool")}</Table.Td>
                    <Table.Td>{text("minutes")}</Table.Td>
                    <Table.Td>{text("errorRate")}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        size="xs"
                        label={t("processes.steps.automated")}
                        aria-label={label(index, "automated")}
                        {...form.register(`steps.${index}.automated`)}
                      />
                      {index > 0 && (
                        <Checkbox
                          mt={4}
                          size="xs"
                          label={t("processes.steps.parallel")}
                          aria-label={label(index, "parallel")}
                          {...form.register(`steps.${index}.parallelWithPrevious`)}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SearchPicker
                        name={`course-${prefix}-${index}`}
                        label={label(index, "course")}
                        source={COURSE_SOURCE}
                        width={200}
                        placeholder={t("processes.steps.noCourse")}
                        selected={
                          step?.courseId && step.courseTitle
                            ? { value: step.courseId, label: step.courseTitle }
                            : null
                        }
                        error={errorFor(`steps.${index}.courseId`)}
                        onChange={(value) =>
                          form.setValue(`steps.${index}.courseId`, value || null)
                        }
                      />
                      <TrainingCell step={step} />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={t("processes.steps.removeLabel", { position: index + 1 })}
                        onClick={() => rows.remove(index)}
                      >
                        {t("processes.steps.remove")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </PlainTable>
        </ScrollTable>
      )}
      <Group mt="sm" gap="xs">
        <Button variant="default" onClick={() => rows.append({ ...blankStep })}>
          {t("processes.steps.add")}
        </Button>
        <Button type="submit" loading={navigation.state === "submitting"}>
          {t("processes.steps.save", { version: t(`processes.version.${version}`) })}
        </Button>
      </Group>
    </Form>
  );
}
