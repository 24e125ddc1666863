import { Alert, Button, Group, VisuallyHidden } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type DragEvent } from "react";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import {
  ALIGN_END,
  DimmedText,
  PlainBadge,
  PlainGroup,
  PlainTable,
  PlainText,
  SmallCheckbox,
} from "~/lib/ui/plain";
import { PlainCellInput, SubtleIconButton, SubtleRemoveButton } from "~/lib/ui/plain-inputs";
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
        <PlainText size="sm">
          {step.courseTitle} ·{" "}
          {t("processes.steps.completion", { value: formatPercent(step.completion) })}
        </PlainText>
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
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("processes.steps.name")}</th>
            <th scope="col">{t("processes.steps.ownerRole")}</th>
            <th scope="col">{t("processes.steps.tool")}</th>
            <th scope="col" style={ALIGN_END}>
              {t("processes.steps.minutes")}
            </th>
            <th scope="col" style={ALIGN_END}>
              {t("processes.steps.errorRate")}
            </th>
            <th scope="col">{t("processes.steps.kind")}</th>
            <th scope="col">{t("processes.steps.training")}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, index) => (
            <tr key={step.id} data-bottleneck={step.id === bottleneckStepId || undefined}>
              <td>{index + 1}</td>
              <td>
                {step.name} {step.id === bottleneckStepId && <BottleneckBadge />}
                {step.parallelWithPrevious && index > 0 && (
                  <DimmedText>{t("processes.steps.parallelNote")}</DimmedText>
                )}
              </td>
              <td>{step.ownerRole}</td>
              <td>{step.tool}</td>
              <td style={ALIGN_END}>{formatMinutes(t, step.minutes)}</td>
              <td style={ALIGN_END}>{formatPercent(step.errorRate)}</td>
              <td>{step.automated ? t("processes.flow.automated") : t("processes.flow.manual")}</td>
              <td>
                <TrainingCell step={step} />
              </td>
            </tr>
          ))}
        </tbody>
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
            <thead>
              <tr>
                <th scope="col">{t("processes.steps.order")}</th>
                <th scope="col">{t("processes.steps.name")}</th>
                <th scope="col">{t("processes.steps.ownerRole")}</th>
                <th scope="col">{t("processes.steps.tool")}</th>
                <th scope="col">{t("processes.steps.minutes")}</th>
                <th scope="col">{t("processes.steps.errorRate")}</th>
                <th scope="col">{t("processes.steps.options")}</th>
                <th scope="col">{t("processes.steps.training")}</th>
                <th scope="col">
                  <VisuallyHidden>{t("processes.steps.actions")}</VisuallyHidden>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.fields.map((row, index) => {
                const stepId = form.getValues(`steps.${index}.id`);
                const step = stepId ? stored.get(stepId) : undefined;
                const isBottleneck = !!stepId && stepId === bottleneckStepId;
                const text = (column: "name" | "ownerRole" | "tool" | "minutes" | "errorRate") => {
                  const error = errorFor(`steps.${index}.${column}`);
                  return (
                    <PlainCellInput
                      label={label(index, column)}
                      error={error}
                      inputMode={
                        column === "minutes" || column === "errorRate" ? "decimal" : undefined
                      }
                      width={
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
                  <tr
                    key={row.id}
                    data-testid={`step-row-${prefix}`}
                    data-bottleneck={isBottleneck || undefined}
                    onDragOver={(event) => event.preventDefault()}
                    onDrop={(event) => drop(event, index)}
                    style={dragged === index ? { opacity: 0.5 } : undefined}
                  >
                    <td>
                      <PlainGroup gap={2} wrap="nowrap">
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
                        <PlainText size="sm">{index + 1}</PlainText>
                        <SubtleIconButton
                          label={t("processes.steps.moveUp", { position: index + 1 })}
                          disabled={index === 0}
                          onClick={() => rows.move(index, index - 1)}
                        >
                          ↑
                        </SubtleIconButton>
                        <SubtleIconButton
                          label={t("processes.steps.moveDown", { position: index + 1 })}
                          disabled={index === rows.fields.length - 1}
                          onClick={() => rows.move(index, index + 1)}
                        >
                          ↓
                        </SubtleIconButton>
                      </PlainGroup>
                    </td>
                    <td>
                      {text("name")}
                      {isBottleneck && <BottleneckBadge />}
                    </td>
                    <td>{text("ownerRole")}</td>
                    <td>{text("tool")}</td>
                    <td>{text("minutes")}</td>
                    <td>{text("errorRate")}</td>
                    <td>
                      <SmallCheckbox
                        label={t("processes.steps.automated")}
                        aria-label={label(index, "automated")}
                        {...form.register(`steps.${index}.automated`)}
                      />
                      {index > 0 && (
                        <SmallCheckbox
                          below
                          label={t("processes.steps.parallel")}
                          aria-label={label(index, "parallel")}
                          {...form.register(`steps.${index}.parallelWithPrevious`)}
                        />
                      )}
                    </td>
                    <td>
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
                    </td>
                    <td>
                      <SubtleRemoveButton
                        label={t("processes.steps.removeLabel", { position: index + 1 })}
                        onClick={() => rows.remove(index)}
                      >
                        {t("processes.steps.remove")}
                      </SubtleRemoveButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
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
