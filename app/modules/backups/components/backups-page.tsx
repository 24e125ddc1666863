import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import type { ActionFailure } from "~/lib/errors";
import { isFailure } from "~/lib/ui/forms";
import { ListPage, ListTable, type ListSummary } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import type { BackupKind, BackupStatus } from "../values";

export interface BackupRowView {
  id: string;
  fileName: string;
  kind: BackupKind;
  sizeBytes: number;
  encrypted: boolean;
  status: BackupStatus;
  message: string | null;
  createdAt: string;
}

export interface BackupHealthView {
  lastVerifiedAt: string | null;
  intervalHours: number | null;
  graceHours: number;
  stale: boolean;
}

/** "Back up now"'s answer: the new backup's file and status, or the refusal. */
export type BackupNowAnswer =
  { ok: true; fileName: string | null; status: BackupStatus; message: string } | ActionFailure;

const STATUS_COLOR: Record<BackupStatus, string> = {
  UNVERIFIED: "gray",
  VERIFIED: "teal",
  FAILED: "red",
};

/** A byte count for people: 532 B, 14.2 KB, 3.1 MB, 1.2 GB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function HealthCard({ health }: { health: BackupHealthView }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder data-testid="backup-health">
      <Text fw={600}>
        {health.lastVerifiedAt
          ? t("backups.lastVerified", {
              time: formatDateTime(health.lastVerifiedAt, i18n.language),
            })
          : t("backups.noneVerified")}
      </Text>
      <Text size="sm" c="dimmed">
        {health.intervalHours === null
          ? t("backups.scheduleOff")
          : t("backups.scheduleEvery", { count: health.intervalHours })}
      </Text>
      {health.stale && (
        <Alert color="orange" mt="sm" title={t("backups.staleTitle")} role="alert">
          {t("backups.staleBody", { hours: health.intervalHours, grace: health.graceHours })}
        </Alert>
      )}
    </Card>
  );
}

function BackUpNow({ answer }: { answer?: BackupNowAnswer }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Stack gap="xs">
      <Form method="post">
        <Group>
          <Button type="submit" loading={busy} disabled={busy}>
            {t("backups.now")}
          </Button>
          <Text size="sm" c="dimmed">
            {t("backups.nowHint")}
          </Text>
        </Group>
      </Form>
      {answer && isFailure(answer) && (
        <Alert color="red" role="alert">
          {t(answer.formError ?? "errors.invalid")}
        </Alert>
      )}
      {answer?.ok && (
        <Alert color={answer.status === "VERIFIED" ? "teal" : "red"} role="status">
          {answer.status === "VERIFIED"
            ? t("backups.madeVerified", { file: answer.fileName })
            : t("backups.madeFailed", { message: answer.message })}
        </Alert>
      )}
    </Stack>
  );
}

function BackupRow({ backup }: { backup: BackupRowView }) {
  const { t, i18n } = useTranslation();
  const download = `/admin/backups/${backup.id}/download`;
  return (
    <Table.Tr>
      <Table.Td>
        {formatDateTime(backup.createdAt, i18n.language)}
        <Text size="xs" c="dimmed">
          {backup.fileName}
        </Text>
      </Table.Td>
      <Table.Td>{t(`backups.kind.${backup.kind}`)}</Table.Td>
      <Table.Td>
        {formatBytes(backup.sizeBytes)}
        {backup.encrypted && (
          <Text size="xs" c="dimmed">
            {t("backups.encrypted")}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[backup.status]} variant="light">
          {t(`backups.status.${backup.status}`)}
        </Badge>
        {backup.status === "FAILED" && backup.message && (
          <Text size="xs" c="red">
            {backup.message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="sm">
          <Anchor href={download}>{t("backups.download")}</Anchor>
          <Anchor href={`${download}?part=manifest`} size="sm">
            {t("backups.manifest")}
          </Anchor>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** /admin/backups: the last verified backup, "Back up now", and the list with downloads. */
export function BackupsPage({
  summary,
  backups,
  health,
  answer,
}: {
  summary: ListSummary;
  backups: BackupRowView[];
  health: BackupHealthView;
  answer?: BackupNowAnswer;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t("backups.title")} />
      <HealthCard health={health} />
      <BackUpNow answer={answer} />
      <ListPage summary={summary} isEmpty={backups.length === 0} emptyText={t("backups.empty")}>
        <ListTable
          minWidth={760}
          striped
          data-testid="backups-table"
          columns={[
            t("backups.when"),
            t("backups.kindLabel"),
            t("backups.size"),
            t("fields.status"),
            t("backups.download"),
          ]}
        >
          {backups.map((backup) => (
            <BackupRow key={backup.id} backup={backup} />
          ))}
        </ListTable>
      </ListPage>
    </Stack>
  );
}
