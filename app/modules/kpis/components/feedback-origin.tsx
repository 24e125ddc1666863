import { Alert, Group, Text } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import type { FeedbackChannelValue, FeedbackSentimentValue } from "../feedback";
import { SentimentBadge } from "./feedback-badge";

/** The link back from an idea to its feedback item; details only for those who may read it. */
export type FeedbackOriginView =
  | {
      shown: true;
      id: string;
      departmentName: string;
      receivedOn: Date | string;
      channel: FeedbackChannelValue;
      sentiment: FeedbackSentimentValue;
      excerpt: string;
    }
  | { shown: false };

/** "Raised from customer feedback", above the idea's text. */
export function FeedbackOriginNotice({ origin }: { origin: FeedbackOriginView }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="blue" variant="light" mb="md" data-testid="feedback-origin">
      <Group gap="xs" mb={origin.shown ? 4 : 0}>
        <Text size="sm" fw={500}>
          {t("kpis.feedback.origin.title")}
        </Text>
        {origin.shown && <SentimentBadge sentiment={origin.sentiment} />}
      </Group>
      {origin.shown && (
        <>
          <Text size="sm" c="dimmed">
            {t("kpis.feedback.origin.meta", {
              department: origin.departmentName,
              channel: t(`kpis.feedback.channel.${origin.channel}`),
              date: formatDate(origin.receivedOn, i18n.language),
            })}
          </Text>
          <Text size="sm" fs="italic">
            “{origin.excerpt}”
          </Text>
          <TextLink to={`/initiatives/feedback/${origin.id}`} size="sm">
            {t("kpis.feedback.origin.open")}
          </TextLink>
        </>
      )}
    </Alert>
  );
}
