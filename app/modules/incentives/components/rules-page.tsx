import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionSuccess } from "~/lib/actions";
import type { ActionFailure } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { DimmedText, PlainBadge, TextLink } from "~/lib/ui/plain";
import { BADGE_ICONS, badgeNameKey, badgeRuleKey, type BadgeKey } from "../badges";
import type { EarningRuleKey } from "../earning-rules";
import {
  earningRuleDescriptionKey,
  earningRuleFormSchema,
  earningRuleNameKey,
  MAX_RULE_POINTS,
} from "../rule-forms";
import { RewardsTabs } from "./rewards-tabs";

export interface EarningRuleView {
  key: EarningRuleKey;
  points: number;
  active: boolean;
  defaultPoints: number;
}

export interface BadgeView {
  key: BadgeKey;
  comingWith: string | null;
  active: boolean;
  holders: number;
}

/** The forms of the rules page, one intent each. */
export type RulesIntent = "rule" | "backfill" | "badge";
export type RulesActionData =
  | ActionFailure<RulesIntent>
  | ActionSuccess<"rule", { changed: boolean }>
  | ActionSuccess<"backfill", { key: string; awarded: number; points: number }>
  | ActionSuccess<"badge", { key: string; active: boolean; awarded: number }>
  | undefined;

const RULES_PATH = "/rewards/rules";

function OnOffBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <PlainBadge color={active ? "teal" : "gray"} size="sm">
      {t(active ? "rewards.rules.on" : "rewards.rules.off")}
    </PlainBadge>
  );
}

function EarningRulesTable({
  rules,
  canEdit,
  editing,
}: {
  rules: EarningRuleView[];
  canEdit: boolean;
  editing?: string;
}) {
  const { t } = useTranslation();
  const columns = [
    t("rewards.rules.rule"),
    t("rewards.rules.whatEarns"),
    t("rewards.rules.points"),
    t("rewards.rules.status"),
    ...(canEdit ? [t("rewards.rules.change")] : []),
  ];
  return (
    <ListTable minWidth={640} columns={columns} data-testid="earning-rules">
      {rules.map((rule) => (
        <tr
          key={rule.key}
          data-rule={rule.key}
          style={
            rule.key === editing ? { background: "var(--mantine-primary-color-light)" } : undefined
          }
        >
          <td>{t(earningRuleNameKey(rule.key))}</td>
          <td>{t(earningRuleDescriptionKey(rule.key))}</td>
          <td data-testid="rule-points">{rule.points}</td>
          <td>
            <OnOffBadge active={rule.active} />
          </td>
          {canEdit && (
            <td>
              <TextLink
                to={`?edit=${rule.key}`}
                aria-label={t("rewards.rules.editNamed", { rule: t(earningRuleNameKey(rule.key)) })}
              >
                {t("rewards.rules.edit")}
              </TextLink>
            </td>
          )}
        </tr>
      ))}
    </ListTable>
  );
}

function EarningRuleEditor({
  rule,
  actionData,
}: {
  rule: EarningRuleView;
  actionData: RulesActionData;
}) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "rule");
  const { field, onSubmit, formError, form } = useSchemaForm(earningRuleFormSchema, {
    defaultValues: { key: rule.key, points: String(rule.points), active: rule.active },
    actionData: answer,
  });
  const name = t(earningRuleNameKey(rule.key));
  return (
    <Card withBorder data-testid="rule-editor">
      <Title order={2} size="h4" mb="xs">
        {name}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.rules.futureOnly")}
      </Text>
      {answer?.ok && (
        <Alert color="teal" mb="sm" role="status">
          {t(answer.changed ? "rewards.rules.saved" : "rewards.rules.unchanged")}
        </Alert>
      )}
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="rule" />
        <input type="hidden" {...form.register("key")} />
        <Stack>
          <TextInput
            label={t("rewards.rules.points")}
            description={t("rewards.rules.pointsHelp", {
              max: MAX_RULE_POINTS,
              default: rule.defaultPoints,
            })}
            inputMode="numeric"
            {...field("points")}
          />
          <Checkbox label={t("rewards.rules.ruleOn")} {...field("active")} />
          <Group>
            <Button type="submit">{t("rewards.rules.save")}</Button>
            {rule.active && rule.points > 0 && (
              <Button component={Link} to={`?backfill=${rule.key}`} variant="light">
                {t("rewards.rules.backfill")}
              </Button>
            )}
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function BackfillConfirmation({
  rule,
  missing,
  actionData,
}: {
  rule: EarningRuleView;
  missing: number;
  actionData: RulesActionData;
}) {
  const { t } = useTranslation();
  const failure = actionDataFor(actionData, "backfill");
  const name = t(earningRuleNameKey(rule.key));
  return (
    <Card withBorder data-testid="backfill-confirmation">
      <Title order={2} size="h4" mb="xs">
        {t("rewards.rules.backfillTitle", { rule: name })}
      </Title>
      {isFailure(failure) && (
        <Alert color="red" mb="sm" role="alert">
          {t(failure.formError)}
        </Alert>
      )}
      <Text size="sm" mb="xs" data-testid="backfill-missing">
        {t("rewards.rules.backfillMissing", { count: missing, points: rule.points })}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rewards.rules.backfillExplain")}
      </Text>
      {/* Posts to the page without ?backfill, so the answer replaces this step. */}
      <Form method="post" action={RULES_PATH}>
        <input type="hidden" name="intent" value="backfill" />
        <input type="hidden" name="key" value={rule.key} />
        <Group>
          <Button type="submit" color="orange" disabled={missing === 0}>
            {t("rewards.rules.backfillConfirm", { count: missing })}
          </Button>
          <Button component={Link} to={RULES_PATH} variant="subtle">
            {t("rewards.rules.cancel")}
          </Button>
        </Group>
      </Form>
    </Card>
  );
}

function BadgeRulesTable({ badges, canEdit }: { badges: BadgeView[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const columns = [
    t("rewards.badges.badge"),
    t("rewards.badges.rule"),
    t("rewards.badges.holders"),
    t("rewards.rules.status"),
    ...(canEdit ? [t("rewards.rules.change")] : []),
  ];
  return (
    <ListTable minWidth={640} columns={columns} data-testid="badge-rules">
      {badges.map((badge) => (
        <tr key={badge.key} data-badge={badge.key}>
          <td>
            {BADGE_ICONS[badge.key]} {t(badgeNameKey(badge.key))}
          </td>
          <td>{t(badgeRuleKey(badge.key))}</td>
          <td>{badge.holders}</td>
          <td>
            {badge.comingWith ? (
              <DimmedText size="sm">{t(badge.comingWith)}</DimmedText>
            ) : (
              <OnOffBadge active={badge.active} />
            )}
          </td>
          {canEdit && (
            <td>
              {!badge.comingWith && (
                <Form method="post" action={RULES_PATH}>
                  <input type="hidden" name="intent" value="badge" />
                  <input type="hidden" name="key" value={badge.key} />
                  {!badge.active && <input type="hidden" name="active" value="on" />}
                  <Button
                    type="submit"
                    size="compact-sm"
                    variant="light"
                    aria-label={t(
                      badge.active
                        ? "rewards.badges.switchOffNamed"
                        : "rewards.badges.switchOnNamed",
                      { badge: t(badgeNameKey(badge.key)) },
                    )}
                  >
                    {t(badge.active ? "rewards.badges.switchOff" : "rewards.badges.switchOn")}
                  </Button>
                </Form>
              )}
            </td>
          )}
        </tr>
      ))}
    </ListTable>
  );
}

function ActionMessages({ actionData }: { actionData: RulesActionData }) {
  const { t } = useTranslation();
  const backfill = actionDataFor(actionData, "backfill");
  const badge = actionDataFor(actionData, "badge");
  if (backfill?.ok) {
    return (
      <Alert color="teal" role="status" data-testid="backfill-result">
        {t("rewards.rules.backfillDone", {
          count: backfill.awarded,
          rule: t(earningRuleNameKey(backfill.key)),
        })}
      </Alert>
    );
  }
  if (badge?.ok) {
    return (
      <Alert color="teal" role="status">
        {badge.active
          ? t("rewards.badges.switchedOn", {
              badge: t(badgeNameKey(badge.key)),
              count: badge.awarded,
            })
          : t("rewards.badges.switchedOff", { badge: t(badgeNameKey(badge.key)) })}
      </Alert>
    );
  }
  if (isFailure(badge)) {
    return (
      <Alert color="red" role="alert">
        {t(badge.formError)}
      </Alert>
    );
  }
  return null;
}

/** /rewards/rules: what earns points and badges, in plain language; HR changes them here. */
export function RulesPage({
  user,
  earningRules,
  badges,
  canEdit,
  editing,
  backfill,
  actionData,
}: {
  user: Principal;
  earningRules: EarningRuleView[];
  badges: BadgeView[];
  canEdit: boolean;
  editing: EarningRuleKey | null;
  backfill: { key: EarningRuleKey; missing: number } | null;
  actionData: RulesActionData;
}) {
  const { t } = useTranslation();
  const edited = earningRules.find((rule) => rule.key === editing);
  const backfilled = earningRules.find((rule) => rule.key === backfill?.key);
  return (
    <Stack>
      <RewardsTabs user={user} />
      <PageHeader title={t("rewards.rules.title")} />
      <Text c="dimmed">{t("rewards.rules.intro")}</Text>
      <ActionMessages actionData={actionData} />
      {canEdit && backfill && backfilled && (
        <BackfillConfirmation
          key={`${backfill.key}-${backfill.missing}`}
          rule={backfilled}
          missing={backfill.missing}
          actionData={actionData}
        />
      )}
      {canEdit && edited && (
        <EarningRuleEditor
          key={`${edited.key}-${edited.points}-${edited.active}`}
          rule={edited}
          actionData={actionData}
        />
      )}
      <Title order={2} size="h3">
        {t("rewards.rules.earningTitle")}
      </Title>
      <EarningRulesTable rules={earningRules} canEdit={canEdit} editing={editing ?? undefined} />
      <Title order={2} size="h3">
        {t("rewards.badges.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("rewards.badges.intro")}
      </Text>
      <BadgeRulesTable badges={badges} canEdit={canEdit} />
    </Stack>
  );
}
