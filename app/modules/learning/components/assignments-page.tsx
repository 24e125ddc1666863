import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ActionSuccess } from "~/lib/actions";
import { formatDate } from "~/lib/dates";
import type { ActionFailure } from "~/lib/errors";
import { actionDataFor, isFailure } from "~/lib/ui/forms";
import { ListTable, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { DimmedText, PlainGroup, TextLink } from "~/lib/ui/plain";
import { SubtleRemoveButton } from "~/lib/ui/plain-inputs";
import type { CURRENT_STATUSES } from "../enrolment-status";
import { RuleForm, type RuleFormOptions } from "./rule-form";
import { EnrolmentStatusBadge } from "./status-badge";

/** One rule of the list, as listRules gives it. */
export interface RuleListItem {
  id: string;
  courseTitle: string;
  targetType: string;
  departmentName: string | null;
  includeSubDepartments: boolean;
  role: string | null;
  jobTitle: string | null;
  peopleCount: number;
  dueMode: string;
  dueDays: number | null;
  dueDate: string | null;
  newHiresOnly: boolean;
  hiredAfter: string | null;
  recurrenceMonths: number | null;
  counts: Record<(typeof CURRENT_STATUSES)[number], number>;
}

/** The forms of the assignments page. */
type RuleIntent = "create" | "remove" | "applyAll";

/** What the assignments action answers: how many people it enrolled or withdrew, or why not. */
type RuleActionData =
  | ActionSuccess<RuleIntent, { count: number; duplicate?: boolean }>
  | ActionFailure<RuleIntent>
  | undefined;

function targetLabel(t: TFunction, rule: RuleListItem) {
  switch (rule.targetType) {
    case "DEPARTMENT":
      return t(
        rule.includeSubDepartments
          ? "learning.describe.departmentTree"
          : "learning.describe.department",
        { name: rule.departmentName ?? "?" },
      );
    case "ROLE":
      return t("learning.describe.role", { role: t(`roles.${rule.role}`) });
    case "JOB_TITLE":
      return t("learning.describe.jobTitle", { title: rule.jobTitle });
    case "PEOPLE":
      return t("learning.describe.people", { count: rule.peopleCount });
    default:
      return t("learning.describe.all");
  }
}

function RemoveRuleButton({ rule }: { rule: RuleListItem }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="ruleId" value={rule.id} />
      <SubtleRemoveButton
        type="submit"
        name="intent"
        value="remove"
        size="xs"
        onClick={(event) => {
          if (!window.confirm(t("learning.rule.confirmRemove", { course: rule.courseTitle }))) {
            event.preventDefault();
          }
        }}
      >
        {t("learning.rule.remove")}
      </SubtleRemoveButton>
    </Form>
  );
}

/** One rule, as plain cells (PlainTable, decision 030). */
function RuleRow({ rule }: { rule: RuleListItem }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <td>
        <TextLink to={`/assignments/${rule.id}`}>{rule.courseTitle}</TextLink>
        {rule.recurrenceMonths && (
          <DimmedText>
            {t("learning.describe.recurrence", { months: rule.recurrenceMonths })}
          </DimmedText>
        )}
      </td>
      <td>
        {targetLabel(t, rule)}
        {rule.newHiresOnly && (
          <DimmedText>
            {t("learning.describe.newHires", {
              date: rule.hiredAfter ? formatDate(rule.hiredAfter, i18n.language) : "",
            })}
          </DimmedText>
        )}
      </td>
      <td>
        {rule.dueMode === "DATE" && rule.dueDate && !rule.newHiresOnly
          ? formatDate(rule.dueDate, i18n.language)
          : t("learning.describe.dueDays", { count: rule.dueDays ?? 0 })}
      </td>
      <td>
        <PlainGroup gap={4}>
          {(["NOT_STARTED", "IN_PROGRESS", "OVERDUE", "COMPLETED"] as const).map((status) => (
            <EnrolmentStatusBadge key={status} status={status} count={rule.counts[status]} />
          ))}
          {rule.counts.EXPIRED > 0 && (
            <EnrolmentStatusBadge status="EXPIRED" count={rule.counts.EXPIRED} />
          )}
        </PlainGroup>
      </td>
      <td>
        <RemoveRuleButton rule={rule} />
      </td>
    </tr>
  );
}

function RulesTable({ rules }: { rules: RuleListItem[] }) {
  const { t } = useTranslation();
  return (
    <ListTable
      minWidth={900}
      data-testid="rules-table"
      striped
      columns={[
        t("learning.rule.course"),
        t("learning.rule.target"),
        t("learning.rule.due"),
        t("learning.rule.counts"),
        null,
      ]}
    >
      {rules.map((rule) => (
        <RuleRow key={rule.id} rule={rule} />
      ))}
    </ListTable>
  );
}

/** What the last action did; a failed creation shows in the rule form instead. */
function ActionOutcome({ actionData }: { actionData: RuleActionData }) {
  const { t } = useTranslation();
  if (!actionData) return null;
  if (isFailure(actionData)) {
    return actionData.intent === "create" ? null : (
      <Alert color="red">{t(actionData.formError)}</Alert>
    );
  }
  return (
    <Alert color="teal" role="status">
      {actionData.duplicate
        ? t("learning.rule.done.duplicate")
        : t(`learning.rule.done.${actionData.intent}`, { count: actionData.count })}
    </Alert>
  );
}

/** The assignments page: the outcome of the last action, the rule form, the rules. */
export function AssignmentsPage({
  rules,
  page,
  pageCount,
  total,
  options,
  canApplyAll,
  actionData,
}: {
  rules: RuleListItem[];
  page: number;
  pageCount: number;
  total: number;
  options: RuleFormOptions;
  canApplyAll: boolean;
  actionData: RuleActionData;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader
        title={t("learning.assignmentsTitle")}
        actions={
          canApplyAll && (
            <Form method="post">
              <Button type="submit" name="intent" value="applyAll" variant="default">
                {t("learning.rule.applyAll")}
              </Button>
            </Form>
          )
        }
      />
      <ActionOutcome actionData={actionData} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("learning.rule.create")}
        </Title>
        {options.courses.length === 0 ? (
          <Text c="dimmed">{t("learning.rule.noCourses")}</Text>
        ) : (
          <RuleForm options={options} actionData={actionDataFor(actionData, "create")} />
        )}
      </Card>
      <ResultCount total={total} />
      <RulesTable rules={rules} />
      <UrlPagination page={page} pageCount={pageCount} />
    </Stack>
  );
}
