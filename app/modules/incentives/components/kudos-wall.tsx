import { Box, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { FilterBar, FilterSelect, ListPage, type ListSummary } from "~/lib/ui/list-page";
import { PlainBadge, PlainCard, PlainGroup, PlainText, TextLink } from "~/lib/ui/plain";
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

const BOLD_LINK = { fontWeight: 600 };
const MESSAGE = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

function PersonLink({ person }: { person: { id: string; name: string } }) {
  return (
    <TextLink to={`/rewards/people/${person.id}`} style={BOLD_LINK}>
      {person.name}
    </TextLink>
  );
}

/** Plain elements with Mantine's classes: the wall shows up to 20 cards a page. */
function KudosCardView({ kudos }: { kudos: KudosWallCard }) {
  const { t, i18n } = useTranslation();
  return (
    <PlainCard padding="sm" data-testid="kudos-card">
      <PlainGroup justify="space-between" align="flex-start" wrap="nowrap">
        <PlainText>
          <PersonLink person={kudos.from} />
          <span aria-label={t("rewards.kudos.wall.thanked")}> → </span>
          <PersonLink person={kudos.to} />
        </PlainText>
        <PlainGroup gap="xs" wrap="nowrap">
          {kudos.value && (
            <PlainBadge color="teal">
              <span data-testid="kudos-value">{kudos.value}</span>
            </PlainBadge>
          )}
          {kudos.points > 0 && (
            <PlainBadge color="teal" variant="filled">
              <span data-testid="kudos-points">
                {t("rewards.kudos.wall.points", { count: kudos.points })}
              </span>
            </PlainBadge>
          )}
        </PlainGroup>
      </PlainGroup>
      {/* Plain text, as typed: not Markdown. */}
      <PlainText mt="xs" style={MESSAGE}>
        {kudos.message}
      </PlainText>
      <PlainText size="xs" color="dimmed" mt="xs">
        {formatDate(kudos.createdAt, i18n.language)}
      </PlainText>
    </PlainCard>
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
