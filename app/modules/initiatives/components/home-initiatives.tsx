import { Paper, Stack, Text, Title } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";

export interface HomeInitiativeItem {
  id: string;
  name: string;
  phase: string | null;
  pulse: { id: string; title: string; closesOn: Date | string; answered: boolean } | null;
}

/** Home's "Change initiatives": the active ones reaching the person, and their open pulse. */
export function HomeInitiatives({ items }: { items: HomeInitiativeItem[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="home-initiatives">
      <Title order={2} size="h4" mt="md">
        {t("initiatives.home.title")}
      </Title>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((item) => {
          const date = item.pulse ? formatDate(item.pulse.closesOn, i18n.language) : "";
          return (
            <Paper component="li" key={item.id} withBorder px="sm" py="xs">
              <Text fw={600}>{item.name}</Text>
              <Text size="sm" c="dimmed">
                {item.phase
                  ? t("initiatives.home.phase", {
                      phase: item.phase.startsWith("initiatives.") ? t(item.phase) : item.phase,
                    })
                  : t("initiatives.home.noPhase")}
              </Text>
              {item.pulse && (
                <Text size="sm" mt={4}>
                  <TextLink to={`/surveys/${item.pulse.id}`}>{item.pulse.title}</TextLink>
                  {" — "}
                  {item.pulse.answered
                    ? t("initiatives.home.answered", { date })
                    : t("initiatives.home.pleaseAnswer", { date })}
                </Text>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
