import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { API_AREAS, apiTokenCreateSchema, type ApiScope } from "../scopes";

export interface ApiTokenRowView {
  id: string;
  name: string;
  scopes: ApiScope[];
  secretStart: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
}

const STATE_COLOR = { active: "teal", expired: "gray", revoked: "red" } as const;

/** The secret of the token just made: shown this once, never again. */
function NewSecret({ name, secret }: { name: string; secret: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" role="status" title={t("api.tokens.createdTitle", { name })}>
      <Stack gap="xs">
        <Text size="sm">{t("api.tokens.createdOnce")}</Text>
        <Code block data-testid="new-token-secret">
          {secret}
        </Code>
        <Text size="xs" c="dimmed">
          {t("api.tokens.createdUsage")}
        </Text>
      </Stack>
    </Alert>
  );
}

function CreateTokenForm({
  submissionKey,
  actionData,
}: {
  submissionKey: string;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const { form, field, onSubmit, formError } = useSchemaForm(apiTokenCreateSchema, {
    defaultValues: {
      intent: "create",
      name: "",
      expiresOn: "",
      submissionKey,
      ...Object.fromEntries(API_AREAS.map((area) => [area, ""])),
    } as never,
    actionData,
  });
  const access = [
    { value: "", label: t("api.tokens.access.none") },
    { value: "read", label: t("api.tokens.access.read") },
    { value: "write", label: t("api.tokens.access.write") },
  ];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {t("api.tokens.new")}
      </Title>
      <Form method="post" noValidate onSubmit={onSubmit} data-testid="new-token-form">
        <input type="hidden" {...form.register("intent")} />
        <input type="hidden" {...form.register("submissionKey")} />
        <FormError message={formError} />
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("api.tokens.name")} {...field("name")} />
            <TextInput
              type="date"
              label={t("api.tokens.expiresOn")}
              description={t("api.tokens.expiresHint")}
              {...field("expiresOn")}
            />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t("api.tokens.scopes")}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            {API_AREAS.map((area) => (
              <NativeSelect
                key={area}
                label={t(`api.areas.${area}`)}
                data={access}
                {...field(area)}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={busy} disabled={busy}>
              {t("api.tokens.create")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function TokenRow({ token }: { token: ApiTokenRowView }) {
  const { t, i18n } = useTranslation();
  const when = (value: string | null) => (value ? formatDateTime(value, i18n.language) : "—");
  return (
    <tr data-testid="token-row">
      <td>
        <Text fw={500}>{token.name}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {token.secretStart}…
        </Text>
      </td>
      <td>
        <Group gap={4}>
          {token.scopes.map((scope) => (
            <Badge key={scope} variant="light" size="sm">
              {scope}
            </Badge>
          ))}
        </Group>
      </td>
      <td>
        {when(token.createdAt)}
        <Text size="xs" c="dimmed">
          {token.createdBy}
        </Text>
      </td>
      <td>{when(token.lastUsedAt)}</td>
      <td>{token.expiresAt ? when(token.expiresAt) : t("api.tokens.never")}</td>
      <td>
        <Badge color={STATE_COLOR[token.state]} variant="light">
          {t(`api.tokens.state.${token.state}`)}
        </Badge>
      </td>
      <td>
        {token.state !== "revoked" && (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="tokenId" value={token.id} />
            <Button
              type="submit"
              size="xs"
              color="red"
              variant="light"
              aria-label={t("api.tokens.revokeNamed", { name: token.name })}
            >
              {t("api.tokens.revoke")}
            </Button>
          </Form>
        )}
      </td>
    </tr>
  );
}

/** /admin/integrations: API tokens (made, listed, revoked) and the way to the reference. */
export function IntegrationsPage({
  summary,
  tokens,
  submissionKey,
  actionData,
  created,
}: {
  summary: ListSummary;
  tokens: ApiTokenRowView[];
  submissionKey: string;
  actionData: unknown;
  created?: { name: string; secret: string };
}) {
  const { t } = useTranslation();
  const failure = isFailure(actionData) ? actionData : undefined;
  return (
    <Stack>
      <PageHeader
        title={t("api.integrations.title")}
        actions={
          <Group>
            <TextLink to="/admin/webhooks">{t("api.integrations.webhooks")}</TextLink>
            <TextLink to="/admin/integrations/reference">
              {t("api.integrations.reference")}
            </TextLink>
            <Anchor href="/api/v1/openapi.json">{t("api.integrations.openapi")}</Anchor>
          </Group>
        }
      />
      <Text c="dimmed">{t("api.integrations.intro")}</Text>
      {created && <NewSecret {...created} />}
      {failure?.intent === "revoke" && (
        <Alert color="red" role="alert">
          {t(failure.formError)}
        </Alert>
      )}
      <CreateTokenForm
        submissionKey={submissionKey}
        actionData={failure?.intent === "create" ? actionData : undefined}
      />
      <Title order={2} size="h3">
        {t("api.tokens.title")}
      </Title>
      <ListPage summary={summary} isEmpty={tokens.length === 0} emptyText={t("api.tokens.empty")}>
        <ListTable
          minWidth={900}
          columns={[
            t("api.tokens.name"),
            t("api.tokens.scopes"),
            t("api.tokens.created"),
            t("api.tokens.lastUsed"),
            t("api.tokens.expires"),
            t("api.tokens.stateLabel"),
            t("api.tokens.actions"),
          ]}
        >
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </ListTable>
      </ListPage>
    </Stack>
  );
}
