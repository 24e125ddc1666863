import { Anchor, Badge, Card, Code, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/lib/ui/page";

/** One operation as the reference lists it (read from the OpenAPI document). */
export interface ApiOperationView {
  method: string;
  path: string;
  scope: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean }[];
  bodyFields: string[];
  status: string;
}

export interface ApiReferenceView {
  baseUrl: string;
  groups: { tag: string; operations: ApiOperationView[] }[];
  problemTypes: string[];
}

const METHOD_COLOR: Record<string, string> = {
  GET: "blue",
  POST: "teal",
  PATCH: "orange",
  PUT: "grape",
};

function Operation({ operation }: { operation: ApiOperationView }) {
  const { t } = useTranslation();
  const query = operation.parameters.filter((p) => p.in === "query");
  return (
    <Card withBorder data-testid="api-operation">
      <Group gap="xs" wrap="nowrap">
        <Badge color={METHOD_COLOR[operation.method] ?? "gray"}>{operation.method}</Badge>
        <Code>{operation.path}</Code>
        <Badge variant="outline" size="sm">
          {operation.scope}
        </Badge>
      </Group>
      {/* Endpoint summaries come from the OpenAPI document, which is in English. */}
      <Text fw={500} mt="xs" lang="en">
        {operation.summary}
      </Text>
      {operation.description && (
        <Text size="sm" c="dimmed" lang="en">
          {operation.description}
        </Text>
      )}
      {query.length > 0 && (
        <Text size="sm" mt="xs">
          {t("api.reference.query")}{" "}
          {query.map((p) => (
            <Code key={p.name} mr={4}>
              {p.name}
              {p.required ? "*" : ""}
            </Code>
          ))}
        </Text>
      )}
      {operation.bodyFields.length > 0 && (
        <Text size="sm" mt="xs">
          {t("api.reference.body")}{" "}
          {operation.bodyFields.map((name) => (
            <Code key={name} mr={4}>
              {name}
            </Code>
          ))}
        </Text>
      )}
    </Card>
  );
}

/** /admin/integrations/reference: the API, read from its OpenAPI document. */
export function ApiReferencePage({ reference }: { reference: ApiReferenceView }) {
  const { t } = useTranslation();
  const example = `curl -H "Authorization: Bearer $UPTAKE_TOKEN" ${reference.baseUrl}/people?limit=10`;
  return (
    <Stack>
      <PageHeader
        title={t("api.reference.title")}
        actions={<Anchor href="/api/v1/openapi.json">{t("api.integrations.openapi")}</Anchor>}
      />
      <Card withBorder>
        <Stack gap="xs">
          <Text>{t("api.reference.auth")}</Text>
          <Code block>{example}</Code>
          <Text size="sm">{t("api.reference.pagination")}</Text>
          <Text size="sm">{t("api.reference.errors")}</Text>
          <Text size="sm" id="problems">
            {t("api.reference.problemTypes")}{" "}
            {reference.problemTypes.map((type) => (
              <Code key={type} mr={4}>
                {type}
              </Code>
            ))}
          </Text>
          <Text size="sm">{t("api.reference.rateLimit")}</Text>
        </Stack>
      </Card>
      {reference.groups.map((group) => (
        <Stack key={group.tag} gap="xs">
          <Title order={2} size="h3">
            {group.tag}
          </Title>
          {group.operations.map((operation) => (
            <Operation key={`${operation.method} ${operation.path}`} operation={operation} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
