import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { formatDateTime } from "~/lib/dates";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PlainBadge, PlainText, TextLink } from "~/lib/ui/plain";
import { SearchPicker, type PickerOption } from "~/lib/ui/search-picker";
import { adjustmentSchema, signedPoints } from "../ledger-admin";
import { PointsFilterFields, useSourceLabel } from "./points-filter-fields";

/** One ledger row (the loader's LedgerRow, dates as JSON strings). */
export interface LedgerTableRow {
  id: string;
  person: { id: string; name: string };
  points: number;
  kind: string;
  sourceType: string;
  reason: string;
  actor: { id: string; name: string } | null;
  createdAt: string | Date;
}

/** The ledger's filters: person (searched), then those of every points history. */
function LedgerFilters({ person }: { person: PickerOption | null }) {
  const { t } = useTranslation();
  return (
    <>
      <SearchPicker
        name="person"
        label={t("rewards.ledger.person")}
        source="/rewards/ledger/people"
        selected={person}
      />
      <PointsFilterFields />
    </>
  );
}

/** The ledger of anyone: filters, the total of the matches, the rows and the CSV link. */
export function LedgerList({
  entries,
  summary,
  totalPoints,
  person,
}: {
  entries: LedgerTableRow[];
  summary: ListSummary;
  totalPoints: number;
  person: PickerOption | null;
}) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const sourceLabel = useSourceLabel();
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  return (
    <ListPage
      summary={summary}
      filters={<LedgerFilters person={person} />}
      countDetail={
        <span data-testid="ledger-total">
          {t("rewards.ledger.total", { points: signedPoints(totalPoints) })}
        </span>
      }
      isEmpty={entries.length === 0}
    >
      <Group justify="flex-end" mb="xs">
        <Button
          component="a"
          href={`/rewards/ledger/export?${exportParams}`}
          variant="light"
          size="compact-sm"
        >
          {t("rewards.ledger.export")}
        </Button>
      </Group>
      <ListTable
        minWidth={900}
        data-testid="ledger"
        columns={[
          t("rewards.ledger.date"),
          t("rewards.ledger.person"),
          t("rewards.ledger.points"),
          t("rewards.ledger.kind"),
          t("rewards.ledger.source"),
          t("rewards.ledger.reason"),
          t("rewards.ledger.actor"),
        ]}
      >
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.createdAt, i18n.language)}</td>
            <td>
              <TextLink to={`/rewards/people/${entry.person.id}`}>{entry.person.name}</TextLink>
            </td>
            <td>
              <PlainText span color={entry.points < 0 ? "red" : "teal"} weight={600}>
                {signedPoints(entry.points)}
              </PlainText>
            </td>
            <td>
              <PlainBadge color="teal">{t(`rewards.ledger.kinds.${entry.kind}`)}</PlainBadge>
            </td>
            <td>{sourceLabel(entry.sourceType)}</td>
            <td style={{ overflowWrap: "anywhere" }}>{entry.reason}</td>
            <td>{entry.actor?.name ?? ""}</td>
          </tr>
        ))}
      </ListTable>
    </ListPage>
  );
}

/** HR's correction of someone's points: person, points (±) and the reason they are told. */
export function AdjustmentForm({
  submissionKey,
  actionData,
}: {
  submissionKey: string;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(adjustmentSchema, {
    defaultValues: { userId: "", points: "", reason: "", submissionKey: "" },
    actionData,
  });
  return (
    <Card withBorder data-testid="adjustment-form">
      <Title order={2} size="h4" mb="xs">
        {t("rewards.ledger.adjust.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.ledger.adjust.help")}
      </Text>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        {/* Not a form value: a fresh key comes with every page load. */}
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <Stack>
          <Group align="flex-start" grow wrap="wrap">
            <SearchPicker
              name="userId"
              label={t("rewards.ledger.person")}
              placeholder={t("rewards.ledger.adjust.personPlaceholder")}
              source="/rewards/ledger/people"
              selected={null}
              width="100%"
              required
              error={errorFor("userId")}
              onChange={(value) =>
                form.setValue("userId", value, { shouldValidate: form.formState.isSubmitted })
              }
            />
            <TextInput
              label={t("rewards.ledger.points")}
              description={t("rewards.ledger.adjust.pointsHelp")}
              inputMode="numeric"
              placeholder="+25"
              {...field("points")}
            />
          </Group>
          <TextInput label={t("rewards.ledger.reason")} {...field("reason")} />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("rewards.ledger.adjust.submit")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** After an adjustment: the entry is in the ledger, the person has been told. */
export function AdjustmentDone({ balance }: { balance: number }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" role="status">
      {t("rewards.ledger.adjust.done", { balance })}
    </Alert>
  );
}
