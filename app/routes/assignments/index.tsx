import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDate } from "~/lib/dates";
import { parseForm, parseQuery, parseWith, readFormFields, runAction } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import { isFailure } from "~/lib/ui/forms";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { RuleForm, ruleListQuerySchema, ruleSchema } from "~/modules/learning";
import {
  applyAllRules,
  createRule,
  listRules,
  removeRule,
  ruleFormOptions,
} from "~/modules/learning/index.server";
import { ScrollTable } from "~/lib/ui/scroll-table";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  const { page } = parseQuery(request, ruleListQuerySchema);
  const [list, options] = await Promise.all([listRules(user, page), ruleFormOptions(user)]);
  return { ...list, options, canApplyAll: canOnAll(user, "update", "Assignment") };
}

const intentSchema = z.object({
  intent: z.enum(["create", "remove", "applyAll"]),
  ruleId: z.string().max(40).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Assignment");
  const fields = await readFormFields(request.clone());
  const intent = intentSchema.safeParse(fields).data?.intent;
  return runAction(async () => {
    const { ruleId = "" } = parseWith(intentSchema, fields);
    switch (intent) {
      case "create": {
        const { enrolled, duplicate } = await createRule(
          user,
          await parseForm(request, ruleSchema),
        );
        // A repeat (double click) shows the rule that exists, not an error.
        return data({ ok: true as const, intent, count: enrolled, duplicate });
      }
      case "remove": {
        const { withdrawn } = await removeRule(user, ruleId);
        return data({ ok: true as const, intent, count: withdrawn });
      }
      default: {
        requirePermission(user, "update", "Assignment");
        return data({
          ok: true as const,
          intent: "applyAll" as const,
          count: await applyAllRules(),
        });
      }
    }
  }, intent);
}

function targetLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  rule: ReturnType<typeof useLoaderData<typeof loader>>["rules"][number],
) {
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

export default function AssignmentsPage() {
  const { t } = useTranslation();
  const { rules, page, pageCount, total, options, canApplyAll } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = actionData && !isFailure(actionData) ? actionData : undefined;
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
      {done && (
        <Alert color="teal" role="status">
          {"duplicate" in done && done.duplicate
            ? t("learning.rule.done.duplicate")
            : t(`learning.rule.done.${done.intent}`, { count: done.count })}
        </Alert>
      )}
      {isFailure(actionData) && actionData.intent !== "create" && (
        <Alert color="red">{t(actionData.formError)}</Alert>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("learning.rule.create")}
        </Title>
        {options.courses.length === 0 ? (
          <Text c="dimmed">{t("learning.rule.noCourses")}</Text>
        ) : (
          <RuleForm
            options={options}
            actionData={
              isFailure(actionData) && actionData.intent === "create" ? actionData : undefined
            }
          />
        )}
      </Card>
      <Text size="sm" c="dimmed">
        {t("common.resultCount", { count: total })}
      </Text>
      <ScrollTable minWidth={900}>
        <Table data-testid="rules-table" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("learning.rule.course")}</Table.Th>
              <Table.Th>{t("learning.rule.target")}</Table.Th>
              <Table.Th>{t("learning.rule.due")}</Table.Th>
              <Table.Th>{t("learning.rule.counts")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule) => (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/assignments/${rule.id}`}>
                    {rule.courseTitle}
                  </Anchor>
                  {rule.recurrenceMonths && (
                    <Text size="xs" c="dimmed">
                      {t("learning.describe.recurrence", { months: rule.recurrenceMonths })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {targetLabel(t, rule)}
                  {rule.newHiresOnly && (
                    <Text size="xs" c="dimmed">
                      {t("learning.describe.newHires", {
                        date: rule.hiredAfter ? formatDate(rule.hiredAfter) : "",
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {rule.dueMode === "DATE" && rule.dueDate && !rule.newHiresOnly
                    ? formatDate(rule.dueDate)
                    : t("learning.describe.dueDays", { count: rule.dueDays ?? 0 })}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color="gray">
                      {t("learning.status.NOT_STARTED")} {rule.counts.NOT_STARTED}
                    </Badge>
                    <Badge variant="light" color="blue">
                      {t("learning.status.IN_PROGRESS")} {rule.counts.IN_PROGRESS}
                    </Badge>
                    <Badge variant="light" color="red">
                      {t("learning.status.OVERDUE")} {rule.counts.OVERDUE}
                    </Badge>
                    <Badge variant="light" color="teal">
                      {t("learning.status.COMPLETED")} {rule.counts.COMPLETED}
                    </Badge>
                    {rule.counts.EXPIRED > 0 && (
                      <Badge variant="light" color="orange">
                        {t("learning.status.EXPIRED")} {rule.counts.EXPIRED}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Form method="post">
                    <input type="hidden" name="ruleId" value={rule.id} />
                    <Button
                      type="submit"
                      name="intent"
                      value="remove"
                      size="xs"
                      color="red"
                      variant="subtle"
                      onClick={(event) => {
                        if (
                          !window.confirm(
                            t("learning.rule.confirmRemove", { course: rule.courseTitle }),
                          )
                        ) {
                          event.preventDefault();
                        }
                      }}
                    >
                      {t("learning.rule.remove")}
                    </Button>
                  </Form>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <UrlPagination page={page} pageCount={pageCount} />
    </Stack>
  );
}
