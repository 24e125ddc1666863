import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SENTIMENT_COLORS, type FeedbackSentimentValue } from "../feedback";

/** A feedback item's sentiment as a coloured badge (positive, neutral, negative). */
export function SentimentBadge({ sentiment }: { sentiment: FeedbackSentimentValue }) {
  const { t } = useTranslation();
  return (
    <Badge color={SENTIMENT_COLORS[sentiment]} variant="light" data-sentiment={sentiment}>
      {t(`kpis.feedback.sentiment.${sentiment}`)}
    </Badge>
  );
}
