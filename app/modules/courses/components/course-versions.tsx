import { Button, Card, Table, Text, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import type { VersionChanges } from "../snapshot";
import { ChangeSummary } from "./change-summary";

export interface CourseVersionRow {
  id: string;
  number: number;
  publishedAt: Date | string;
  changes: VersionChanges;
  publishedBy: { name: string } | null;
}

/** The published versions with their change counts, and archiving (or restoring) the course. */
export function CourseVersions({
  courseId,
  versions,
  canEdit,
  archived,
}: {
  courseId: string;
  versions: CourseVersionRow[];
  canEdit: boolean;
  archived: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("courses.sections.versions")}
      </Title>
      {versions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("courses.versions.none")}
        </Text>
      ) : (
        <VersionsTable courseId={courseId} versions={versions} />
      )}
      {canEdit && (
        <Form method="post" style={{ marginTop: 16 }}>
          <Button
            type="submit"
            name="intent"
            value={archived ? "restore" : "archive"}
            variant="light"
            color={archived ? "teal" : "orange"}
          >
            {archived ? t("courses.course.restore") : t("courses.course.archive")}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function VersionsTable({ courseId, versions }: { courseId: string; versions: CourseVersionRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table data-testid="versions-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("courses.versions.number")}</Table.Th>
          <Table.Th>{t("courses.versions.published")}</Table.Th>
          <Table.Th>{t("courses.versions.changes")}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((version) => (
          <Table.Tr key={version.id}>
            <Table.Td>{t("courses.versions.label", { number: version.number })}</Table.Td>
            <Table.Td>
              {formatDateTime(version.publishedAt, i18n.language)}
              <Text size="xs" c="dimmed">
                {version.publishedBy?.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <ChangeSummary changes={version.changes} />
            </Table.Td>
            <Table.Td>
              <Button
                component={Link}
                to={`/courses/${courseId}/preview?version=${version.number}`}
                size="xs"
                variant="subtle"
              >
                {t("courses.preview.version")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
