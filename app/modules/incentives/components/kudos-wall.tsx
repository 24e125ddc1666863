import { Anchor, Badge, Box, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { FilterBar, FilterSelect, ListPage, type ListSummary } from "~/lib/ui/list-page";
import { SearchPicker, type PickerOption } from "~/lib/ui/search-picker";

/** One kudos on the wall (the loader's KudosCard, dates as JSON strings). */
export interface KudosWallCard {
  id: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  message: string;
  value: string | null;
  points: number;
  createdAt: string | Date;
}

function PersonLink({ person }: { person: { id: string; name: string } }) {
  return (
    <Anchor component={Link} to={`/rewards/people/${person.id}`} fw={600}>
      {person.name}
    </Anchor>
  );
}

function KudosCardView({ kudos }: { kudos: KudosWallCard }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="kudos-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text>
          <PersonLink person={kudos.from} />
          <span aria-label={t("rewards.kudos.wall.thanked")}> → </span>
          <PersonLink person={kudos.to} />
        </Text>
        <Group gap="xs" wrap="nowrap">
          {kudos.value && (
            <Badge variant="light" data-testid="kudos-value">
              {kudos.value}
            </Badge>
          )}
          {kudos.points > 0 && (
            <Badge color="teal" data-testid="kudos-points">
              {t("rewards.kudos.wall.points", { count: kudos.points })}
            </Badge>
          )}
        </Group>
      </Group>
      {/* Plain text, as typed: not Markdown. */}
      <Text mt="xs" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {kudos.message}
      </Text>
      <Text size="xs" c="dimmed" mt="xs">
        {formatDate(kudos.createdAt, i18n.language)}
      </Text>
    </Card>
  );
}

/** The wall's filters: the receiver's department (searched) and the company value. */
export function KudosWallFilters({
  department,
  values,
}: {
  department: PickerOption | null;
  values: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Box data-testid="kudos-filters">
      <FilterBar>
        <SearchPicker
          name="department"
          label={t("rewards.kudos.wall.department")}
          source="/rewards/kudos/departments"
          selected={department}
        />
        <FilterSelect
          name="value"
          label={t("rewards.kudos.wall.value")}
          options={values.map((value) => ({ value: value.id, label: value.name }))}
        />
      </FilterBar>
    </Box>
  );
}

/** The public wall: newest first, paged. */
export function KudosWall({ kudos, summary }: { kudos: KudosWallCard[]; summary: ListSummary }) {
  const { t } = useTranslation();
  return (
    <ListPage
      summary={summary}
      isEmpty={kudos.length === 0}
      emptyText={t("rewards.kudos.wall.empty")}
    >
      <Stack gap="sm" data-testid="kudos-wall">
        {kudos.map((item) => (
          <KudosCardView key={item.id} kudos={item} />
        ))}
      </Stack>
    </ListPage>
  );
}
