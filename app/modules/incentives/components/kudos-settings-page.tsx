import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { ROLES, type Principal } from "~/lib/permissions";
import { actionDataFor, FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { EmptyState, FilterBar, FilterSelect, ListTable } from "~/lib/ui/list-page";
import { ALIGN_END } from "~/lib/ui/plain";
import {
  companyValueCreateSchema,
  companyValueRenameSchema,
  givingAllowancesSchema,
  pairCapSchema,
  type GivingAllowancesInput,
  type KudosSettingsIntent,
} from "../kudos";
import { RewardsTabs } from "./rewards-tabs";

type SettingsAnswer = ActionResult<KudosSettingsIntent> | undefined;

export interface CompanyValueRow {
  id: string;
  name: string;
  active: boolean;
  kudosCount: number;
}

export interface FlaggedPairRow {
  a: { id: string; name: string };
  b: { id: string; name: string };
  aToB: number;
  bToA: number;
  total: number;
  kudosCount: number;
  refused: number;
}

export interface KudosSettingsData {
  principal: Principal;
  values: CompanyValueRow[];
  editing: CompanyValueRow | null;
  allowances: GivingAllowancesInput;
  cap: number;
  flagged: { month: string; cap: number; threshold: number; pairs: FlaggedPairRow[] };
  months: string[];
}

function Saved({ answer }: { answer: SettingsAnswer }) {
  const { t } = useTranslation();
  if (!answer?.ok) return null;
  return (
    <Alert color="teal" mb="sm" role="status">
      {t("common.saved")}
    </Alert>
  );
}

function AddValueForm({ actionData }: { actionData: SettingsAnswer }) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "addValue");
  const { field, onSubmit, formError } = useSchemaForm(companyValueCreateSchema, {
    defaultValues: { name: "" },
    actionData: answer,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="add-value-form">
      <input type="hidden" name="intent" value="addValue" />
      <FormError message={formError} />
      <Group align="flex-end">
        <TextInput label={t("rewards.kudos.settings.newValue")} {...field("name")} />
        <Button type="submit" variant="light">
          {t("rewards.kudos.settings.addValue")}
        </Button>
      </Group>
    </Form>
  );
}

function EditValuePanel({
  value,
  actionData,
}: {
  value: CompanyValueRow;
  actionData: SettingsAnswer;
}) {
  const { t } = useTranslation();
  const rename = useSchemaForm(companyValueRenameSchema, {
    defaultValues: { id: value.id, name: value.name },
    actionData: actionDataFor(actionData, "renameValue"),
  });
  const toggle = actionDataFor(actionData, "setValueActive");
  return (
    <Card withBorder data-testid="value-editor">
      <Title order={3} size="h5" mb="sm">
        {value.name}
      </Title>
      <Saved answer={actionDataFor(actionData, "renameValue", "setValueActive")} />
      <FormError message={rename.formError} />
      <Form method="post" onSubmit={rename.onSubmit} noValidate>
        <input type="hidden" name="intent" value="renameValue" />
        <input type="hidden" {...rename.form.register("id")} />
        <Group align="flex-end">
          <TextInput label={t("fields.name")} {...rename.field("name")} />
          <Button type="submit" variant="light">
            {t("rewards.kudos.settings.rename")}
          </Button>
        </Group>
      </Form>
      <Form method="post" style={{ marginTop: 16 }}>
        <input type="hidden" name="intent" value="setValueActive" />
        <input type="hidden" name="id" value={value.id} />
        <input type="hidden" name="active" value={value.active ? "false" : "true"} />
        {isFailure(toggle) && (
          <Alert color="red" mb="sm" role="alert">
            {t(toggle.formError)}
          </Alert>
        )}
        <Text size="sm" c="dimmed" mb="xs">
          {t("rewards.kudos.settings.deactivateHelp")}
        </Text>
        <Button type="submit" variant="light" color={value.active ? "red" : "teal"}>
          {value.active
            ? t("rewards.kudos.settings.deactivate")
            : t("rewards.kudos.settings.activate")}
        </Button>
      </Form>
    </Card>
  );
}

function CompanyValues({
  values,
  editing,
  actionData,
}: Pick<KudosSettingsData, "values" | "editing"> & { actionData: SettingsAnswer }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("rewards.kudos.settings.values")}
      </Title>
      <Saved answer={actionDataFor(actionData, "addValue")} />
      <AddValueForm actionData={actionData} />
      <SimpleGrid cols={{ base: 1, md: editing ? 2 : 1 }} mt="md">
        <div>
          <ListTable
            minWidth={360}
            data-testid="values-table"
            columns={[t("fields.name"), t("fields.status"), t("rewards.kudos.settings.kudosCount")]}
          >
            {values.map((value) => (
              <tr key={value.id}>
                <td>
                  <Anchor
                    component={Link}
                    to={`?edit=${value.id}`}
                    aria-label={t("rewards.kudos.settings.editNamed", { name: value.name })}
                  >
                    {value.name}
                  </Anchor>
                </td>
                <td>
                  <Badge variant="light" color={value.active ? "teal" : "gray"}>
                    {value.active
                      ? t("rewards.kudos.settings.active")
                      : t("rewards.kudos.settings.inactive")}
                  </Badge>
                </td>
                <td style={ALIGN_END}>{value.kudosCount}</td>
              </tr>
            ))}
          </ListTable>
          {values.length === 0 && <EmptyState>{t("rewards.kudos.settings.noValues")}</EmptyState>}
        </div>
        {editing && <EditValuePanel key={editing.id} value={editing} actionData={actionData} />}
      </SimpleGrid>
    </Card>
  );
}

function AllowancesForm({
  allowances,
  actionData,
}: {
  allowances: GivingAllowancesInput;
  actionData: SettingsAnswer;
}) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "allowances");
  const { field, onSubmit, formError } = useSchemaForm(givingAllowancesSchema, {
    defaultValues: Object.fromEntries(ROLES.map((role) => [role, String(allowances[role])])),
    actionData: answer,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("rewards.kudos.settings.allowances")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.kudos.settings.allowancesHelp")}
      </Text>
      <Saved answer={answer} />
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="allowances-form">
        <input type="hidden" name="intent" value="allowances" />
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {ROLES.map((role) => (
            <TextInput key={role} label={t(`roles.${role}`)} inputMode="numeric" {...field(role)} />
          ))}
        </SimpleGrid>
        <Button type="submit" variant="light" mt="sm">
          {t("actions.save")}
        </Button>
      </Form>
    </Card>
  );
}

function PairCapForm({ cap, actionData }: { cap: number; actionData: SettingsAnswer }) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "pairCap");
  const { field, onSubmit, formError } = useSchemaForm(pairCapSchema, {
    defaultValues: { cap: String(cap) },
    actionData: answer,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("rewards.kudos.settings.pairCap")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.kudos.settings.pairCapHelp")}
      </Text>
      <Saved answer={answer} />
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="pair-cap-form">
        <input type="hidden" name="intent" value="pairCap" />
        <Group align="flex-end">
          <TextInput
            label={t("rewards.kudos.settings.capPoints")}
            inputMode="numeric"
            {...field("cap")}
          />
          <Button type="submit" variant="light">
            {t("actions.save")}
          </Button>
        </Group>
      </Form>
    </Card>
  );
}

function FlaggedPairs({ flagged, months }: Pick<KudosSettingsData, "flagged" | "months">) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("rewards.kudos.settings.flagged")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.kudos.settings.flaggedHelp", {
          threshold: flagged.threshold,
          cap: flagged.cap,
        })}
      </Text>
      <FilterBar>
        <FilterSelect
          name="month"
          label={t("rewards.kudos.settings.month")}
          fallback={months[0]}
          options={months.map((month) => ({ value: month, label: month }))}
        />
      </FilterBar>
      <ListTable
        minWidth={640}
        data-testid="flagged-pairs"
        columns={[
          t("rewards.kudos.settings.personA"),
          t("rewards.kudos.settings.personB"),
          t("rewards.kudos.settings.aToB"),
          t("rewards.kudos.settings.bToA"),
          t("rewards.kudos.settings.total"),
          t("rewards.kudos.settings.refused"),
        ]}
      >
        {flagged.pairs.map((pair) => (
          <tr key={`${pair.a.id}-${pair.b.id}`}>
            <td>{pair.a.name}</td>
            <td>{pair.b.name}</td>
            <td style={ALIGN_END}>{pair.aToB}</td>
            <td style={ALIGN_END}>{pair.bToA}</td>
            <td style={ALIGN_END}>{pair.total}</td>
            <td style={ALIGN_END}>{pair.refused}</td>
          </tr>
        ))}
      </ListTable>
      {flagged.pairs.length === 0 && (
        <EmptyState>{t("rewards.kudos.settings.noFlagged", { month: flagged.month })}</EmptyState>
      )}
    </Card>
  );
}

/** HR's kudos settings: values, allowances, the pair cap and the flagged pairs. */
export function KudosSettingsPage({
  data,
  actionData,
}: {
  data: KudosSettingsData;
  actionData: SettingsAnswer;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <RewardsTabs user={data.principal} />
      <Title order={1} size="h2">
        {t("rewards.kudos.settings.title")}
      </Title>
      <CompanyValues values={data.values} editing={data.editing} actionData={actionData} />
      <AllowancesForm allowances={data.allowances} actionData={actionData} />
      <PairCapForm cap={data.cap} actionData={actionData} />
      <FlaggedPairs flagged={data.flagged} months={data.months} />
    </Stack>
  );
}
