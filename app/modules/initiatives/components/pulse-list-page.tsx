import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isoDate, formatDate } from "~/lib/dates";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, FormError, useSchemaForm, type SchemaFieldProps } from "~/lib/ui/forms";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { PlainBadge, TextLink } from "~/lib/ui/plain";
import { ADKAR_ELEMENTS, type AdkarElement } from "../adkar";
import {
  DEFAULT_STATEMENT_KEYS,
  isDefaultStatement,
  pulseCreateSchema,
  pulseUpdateSchema,
  type PulseActionResult,
  type PulseStatusName,
  type Statements,
} from "../pulse-schemas";
import { InitiativeTabs } from "./initiative-tabs";

export interface PulseRow {
  id: string;
  title: string;
  phaseId: string | null;
  status: PulseStatusName;
  opensOn: Date | string;
  closesOn: Date | string;
  statements: Statements;
  responses: number;
  rate: number | null;
}

export interface PulseListPageData extends ListSummary {
  viewer: Principal;
  initiative: { id: string; name: string };
  pulses: PulseRow[];
  phases: { id: string; name: string }[];
  asked: number;
  editing: PulseRow | null;
  canManage: boolean;
  createKey: string;
}

const STATUS_COLOURS: Record<PulseStatusName, string> = {
  DRAFT: "gray",
  OPEN: "green",
  CLOSED: "blue",
};

/** A phase name from the template is an i18n key; one HR typed is shown as typed. */
const phaseLabel = (t: (key: string) => string, name: string) =>
  name.startsWith("initiatives.") ? t(name) : name;

type FieldOf = (
  name: "title" | "phaseId" | "opensOn" | "closesOn" | AdkarElement,
) => SchemaFieldProps;

function PulseFields({
  field,
  phases,
  locked,
  opened = false,
}: {
  field: FieldOf;
  phases: PulseListPageData["phases"];
  locked: boolean;
  /** An open pulse keeps the day it opened (the server ignores a change). */
  opened?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t("initiatives.pulses.fields.title")} {...field("title")} />
      <NativeSelect
        label={t("initiatives.pulses.fields.phase")}
        data={[
          { value: "", label: t("initiatives.pulses.fields.noPhase") },
          ...phases.map((phase) => ({ value: phase.id, label: phaseLabel(t, phase.name) })),
        ]}
        {...field("phaseId")}
      />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t("initiatives.pulses.fields.opensOn")}
          readOnly={opened}
          {...field("opensOn")}
        />
        <TextInput
          type="date"
          label={t("initiatives.pulses.fields.closesOn")}
          {...field("closesOn")}
        />
      </Group>
      <Title order={3} size="h5">
        {t("initiatives.pulses.fields.statements")}
      </Title>
      <Text size="sm" c="dimmed">
        {locked ? t("initiatives.pulses.statementsLocked") : t("initiatives.pulses.statementsHelp")}
      </Text>
      {ADKAR_ELEMENTS.map((element) => (
        <Textarea
          key={element}
          label={t(`initiatives.elements.${element}`)}
          placeholder={t(DEFAULT_STATEMENT_KEYS[element])}
          autosize
          minRows={1}
          readOnly={locked}
          {...field(element)}
        />
      ))}
    </>
  );
}

function CreatePulseForm({
  data,
  actionData,
}: {
  data: PulseListPageData;
  actionData: PulseActionResult;
}) {
  const { t } = useTranslation();
  const { form, field, onSubmit, formError } = useSchemaForm(pulseCreateSchema, {
    defaultValues: {
      intent: "create",
      createKey: data.createKey,
      title: "",
      phaseId: "",
      opensOn: "",
      closesOn: "",
      ...Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, ""])),
    },
    actionData: actionDataFor(actionData, "create"),
  });
  return (
    <Card withBorder data-testid="pulse-create">
      <Title order={2} size="h4" mb="sm">
        {t("initiatives.pulses.create")}
      </Title>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" {...form.register("intent")} />
        <input type="hidden" {...form.register("createKey")} />
        <Stack>
          <PulseFields field={field} phases={data.phases} locked={false} />
          <Group>
            <Button type="submit">{t("initiatives.pulses.create")}</Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function EditPulseForm({
  pulse,
  data,
  actionData,
}: {
  pulse: PulseRow;
  data: PulseListPageData;
  actionData: PulseActionResult;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const answer = actionDataFor(actionData, "update");
  const locked = pulse.responses > 0;
  const { form, field, onSubmit, formError } = useSchemaForm(pulseUpdateSchema, {
    defaultValues: {
      intent: "update",
      pulseId: pulse.id,
      title: pulse.title,
      phaseId: pulse.phaseId ?? "",
      opensOn: isoDate(pulse.opensOn),
      closesOn: isoDate(pulse.closesOn),
      ...Object.fromEntries(
        ADKAR_ELEMENTS.map((element) => [
          element,
          isDefaultStatement(element, pulse.statements[element]) ? "" : pulse.statements[element],
        ]),
      ),
    },
    actionData: answer,
  });
  return (
    <Card withBorder data-testid="pulse-editor">
      <Title order={2} size="h4" mb="sm">
        {t("initiatives.pulses.edit", { title: pulse.title })}
      </Title>
      {(answer?.ok || params.get("created")) && (
        <Alert color="teal" mb="sm" role="status">
          {answer?.ok ? t("common.saved") : t("initiatives.pulses.created")}
        </Alert>
      )}
      <FormError message={formError} />
      {pulse.status === "CLOSED" ? (
        <Text>{t("initiatives.pulses.closedNoEdit")}</Text>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" {...form.register("intent")} />
          <input type="hidden" {...form.register("pulseId")} />
          <Stack>
            <PulseFields
              field={field}
              phases={data.phases}
              locked={locked}
              opened={pulse.status !== "DRAFT"}
            />
            <Group>
              <Button type="submit">{t("initiatives.pulses.save")}</Button>
              <TextLink to={`/initiatives/${data.initiative.id}/pulses`} size="sm">
                {t("initiatives.pulses.closeEditor")}
              </TextLink>
            </Group>
          </Stack>
        </Form>
      )}
    </Card>
  );
}

function StatusButton({ pulse }: { pulse: PulseRow }) {
  const { t } = useTranslation();
  if (pulse.status === "CLOSED") return null;
  const intent = pulse.status === "DRAFT" ? "open" : "close";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="pulseId" value={pulse.id} />
      <Button type="submit" size="compact-xs" variant="light">
        {t(`initiatives.pulses.${intent}`)}
      </Button>
    </Form>
  );
}

export function PulseListPage({
  data,
  actionData,
}: {
  data: PulseListPageData;
  actionData: PulseActionResult;
}) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const phaseNames = useMemo(
    () => new Map(data.phases.map((phase) => [phase.id, phaseLabel(t, phase.name)])),
    [data.phases, t],
  );
  const statusFailure = actionDataFor(actionData, "open", "close");
  const editLink = (id: string) => {
    const copy = new URLSearchParams(params);
    copy.set("edit", id);
    copy.delete("created");
    return `?${copy.toString()}` as const;
  };
  return (
    <Stack>
      <PageHeader title={t("initiatives.pulses.title", { name: data.initiative.name })} />
      <InitiativeTabs user={data.viewer} initiativeId={data.initiative.id} />
      {statusFailure && !statusFailure.ok && <FormError message={t(statusFailure.formError)} />}
      <Text size="sm" c="dimmed">
        {t("initiatives.pulses.asked", { count: data.asked })}
      </Text>
      <ListPage
        summary={data}
        isEmpty={data.pulses.length === 0}
        emptyText={t("initiatives.pulses.empty")}
      >
        <ListTable
          minWidth={720}
          data-testid="pulses-table"
          columns={[
            t("initiatives.pulses.columns.title"),
            t("initiatives.pulses.columns.phase"),
            t("initiatives.pulses.columns.dates"),
            t("initiatives.pulses.columns.status"),
            t("initiatives.pulses.columns.responses"),
            ...(data.canManage ? [t("initiatives.pulses.columns.actions")] : []),
          ]}
        >
          {data.pulses.map((pulse) => (
            <tr key={pulse.id} data-pulse={pulse.id}>
              <td>
                {data.canManage ? (
                  <TextLink to={editLink(pulse.id)} size="sm">
                    {pulse.title}
                  </TextLink>
                ) : (
                  pulse.title
                )}
              </td>
              <td>{pulse.phaseId ? (phaseNames.get(pulse.phaseId) ?? "") : "—"}</td>
              <td>
                {t("initiatives.pulses.dateRange", {
                  opens: formatDate(pulse.opensOn, i18n.language),
                  closes: formatDate(pulse.closesOn, i18n.language),
                })}
              </td>
              <td>
                <PlainBadge color={STATUS_COLOURS[pulse.status]}>
                  {t(`initiatives.pulses.status.${pulse.status}`)}
                </PlainBadge>
              </td>
              <td>
                {pulse.rate === null
                  ? t("initiatives.pulses.responses", { count: pulse.responses })
                  : t("initiatives.pulses.responsesRate", {
                      count: pulse.responses,
                      rate: Math.round(pulse.rate * 100),
                    })}
              </td>
              {data.canManage && (
                <td>
                  <StatusButton pulse={pulse} />
                </td>
              )}
            </tr>
          ))}
        </ListTable>
      </ListPage>
      {data.canManage && data.editing && (
        <EditPulseForm
          key={data.editing.id}
          pulse={data.editing}
          data={data}
          actionData={actionData}
        />
      )}
      {data.canManage && <CreatePulseForm data={data} actionData={actionData} />}
    </Stack>
  );
}
