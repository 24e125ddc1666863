import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, FormError, useSchemaForm, type SchemaFieldProps } from "~/lib/ui/forms";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { PlainBadge, TextLink } from "~/lib/ui/plain";
import {
  rewardSchema,
  rewardUpdateSchema,
  type RewardManageActionResult,
} from "../catalogue-schemas";
import { RewardImage } from "./catalogue-page";
import { RewardsTabs } from "./rewards-tabs";

export interface ManagedReward {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  cost: number;
  stock: number | null;
  active: boolean;
  updatedAt: Date | string;
}

export interface RewardManagePageData extends ListSummary {
  viewer: Principal;
  rewards: ManagedReward[];
  editing: ManagedReward | null;
  canCreate: boolean;
}

type FieldOf = (
  name: "name" | "description" | "imageUrl" | "cost" | "stock" | "active",
) => SchemaFieldProps;

/** The reward's fields, the same in the create and the edit form. */
function RewardFields({ field }: { field: FieldOf }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t("rewards.catalogue.manage.fields.name")} {...field("name")} />
      <Textarea
        label={t("rewards.catalogue.manage.fields.description")}
        description={t("rewards.catalogue.manage.fields.descriptionHelp")}
        autosize
        minRows={2}
        {...field("description")}
      />
      <TextInput
        label={t("rewards.catalogue.manage.fields.imageUrl")}
        description={t("rewards.catalogue.manage.fields.imageUrlHelp")}
        type="url"
        {...field("imageUrl")}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t("rewards.catalogue.manage.fields.cost")}
          inputMode="numeric"
          {...field("cost")}
        />
        <TextInput
          label={t("rewards.catalogue.manage.fields.stock")}
          description={t("rewards.catalogue.manage.fields.stockHelp")}
          inputMode="numeric"
          {...field("stock")}
        />
      </Group>
      <Checkbox label={t("rewards.catalogue.manage.fields.active")} {...field("active")} />
    </>
  );
}

function CreateRewardForm({ actionData }: { actionData: RewardManageActionResult }) {
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useSchemaForm(rewardSchema, {
    defaultValues: {
      name: "",
      description: "",
      imageUrl: "",
      cost: "",
      stock: "",
      active: true,
    },
    actionData: actionDataFor(actionData, "create"),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("rewards.catalogue.manage.create")}
      </Title>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="create" />
        <Stack>
          <RewardFields field={field} />
          <Group>
            <Button type="submit">{t("rewards.catalogue.manage.create")}</Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function EditRewardForm({
  reward,
  actionData,
}: {
  reward: ManagedReward;
  actionData: RewardManageActionResult;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const answer = actionDataFor(actionData, "update");
  const { form, field, onSubmit, formError } = useSchemaForm(rewardUpdateSchema, {
    defaultValues: {
      id: reward.id,
      revision: new Date(reward.updatedAt).toISOString(),
      name: reward.name,
      description: reward.description,
      imageUrl: reward.imageUrl,
      cost: String(reward.cost),
      stock: reward.stock === null ? "" : String(reward.stock),
      active: reward.active,
    },
    actionData: answer,
  });
  return (
    <Card withBorder data-testid="reward-editor">
      <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start">
        <Title order={2} size="h4">
          {t("rewards.catalogue.manage.edit", { name: reward.name })}
        </Title>
        <RewardImage url={reward.imageUrl} name={reward.name} />
      </Group>
      {(answer?.ok || params.get("created")) && (
        <Alert color="teal" mb="sm" role="status">
          {answer?.ok ? t("common.saved") : t("rewards.catalogue.manage.created")}
        </Alert>
      )}
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" {...form.register("id")} />
        {/* The version the edit started from, never edited. */}
        <input type="hidden" {...form.register("revision")} />
        <Stack>
          <RewardFields field={field} />
          <Group>
            <Button type="submit">{t("rewards.catalogue.manage.save")}</Button>
            <TextLink to="/rewards/catalogue/manage" size="sm">
              {t("rewards.catalogue.manage.close")}
            </TextLink>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function RewardTable({ rewards, editingId }: { rewards: ManagedReward[]; editingId?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const editLink = (id: string) => {
    const copy = new URLSearchParams(params);
    copy.set("edit", id);
    copy.delete("created");
    return `?${copy.toString()}` as const;
  };
  return (
    <ListTable
      minWidth={520}
      data-testid="rewards-table"
      columns={[
        t("rewards.catalogue.manage.columns.name"),
        t("rewards.catalogue.manage.columns.cost"),
        t("rewards.catalogue.manage.columns.stock"),
        t("rewards.catalogue.manage.columns.status"),
      ]}
    >
      {rewards.map((reward) => (
        <tr
          key={reward.id}
          data-reward={reward.id}
          aria-current={reward.id === editingId ? "true" : undefined}
        >
          <td>
            <TextLink to={editLink(reward.id)} size="sm">
              {reward.name}
            </TextLink>
          </td>
          <td>{t("rewards.catalogue.points", { count: reward.cost })}</td>
          <td>
            {reward.stock === null
              ? t("rewards.catalogue.unlimited")
              : t("rewards.catalogue.stockLeft", { count: reward.stock })}
          </td>
          <td>
            <PlainBadge color={reward.active ? "green" : "gray"}>
              {reward.active
                ? t("rewards.catalogue.manage.active")
                : t("rewards.catalogue.manage.inactive")}
            </PlainBadge>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

/** /rewards/catalogue/manage: HR's rewards, a form to add one and one to edit the chosen one. */
export function RewardManagePage({
  data,
  actionData,
}: {
  data: RewardManagePageData;
  actionData: RewardManageActionResult;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <RewardsTabs user={data.viewer} />
      <PageHeader
        title={t("rewards.catalogue.manage.title")}
        actions={
          <TextLink to="/rewards/catalogue" size="sm">
            {t("rewards.catalogue.manage.back")}
          </TextLink>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ListPage
            summary={data}
            isEmpty={data.rewards.length === 0}
            emptyText={t("rewards.catalogue.manage.empty")}
          >
            <RewardTable rewards={data.rewards} editingId={data.editing?.id} />
          </ListPage>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {data.editing && (
              <EditRewardForm
                // A saved edit reloads the reward: a new revision, so a fresh form.
                key={`${data.editing.id}-${new Date(data.editing.updatedAt).getTime()}`}
                reward={data.editing}
                actionData={actionData}
              />
            )}
            {data.canCreate && <CreateRewardForm actionData={actionData} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
