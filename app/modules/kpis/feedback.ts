// Customer feedback items (issue 16, item 6), browser-safe: the forms' schemas, the list's
// filters, the sentiment colours and the draft of the idea made from an item.
import type { TFunction } from "i18next";
import { kpiText } from "./texts";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { DAY_MS, formatDate } from "~/lib/dates";
import { isCalendarDate, optionalDateField, pageField } from "~/lib/fields";
import { ideaSchema, TITLE_MAX } from "~/modules/ideas";

export const FEEDBACK_CHANNELS = [
  "PHONE",
  "EMAIL",
  "CHAT",
  "SURVEY",
  "SOCIAL",
  "IN_PERSON",
  "OTHER",
] as const;
export type FeedbackChannelValue = (typeof FEEDBACK_CHANNELS)[number];

export const FEEDBACK_SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;
export type FeedbackSentimentValue = (typeof FEEDBACK_SENTIMENTS)[number];

export const SENTIMENT_COLORS: Record<FeedbackSentimentValue, string> = {
  POSITIVE: "teal",
  NEUTRAL: "gray",
  NEGATIVE: "red",
};

export const FEEDBACK_TEXT_MAX = 2000;
/** How much of the text the idea page's link back and the list show. */
export const FEEDBACK_EXCERPT_LENGTH = 160;

// Control characters (but tab and newline) and the invisible direction overrides that make a
// text read differently from what it holds: pasted from e-mails and chat tools, never wanted.
const UNWANTED_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u202A-\u202E\u2066-\u2069]/g;

/** The text as stored: one kind of line end, no control characters, at most one blank line. */
export function cleanFeedbackText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(UNWANTED_CHARACTERS, "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The start of a text, cut at a word where it can be, with an ellipsis when cut. */
export function excerptOf(text: string, length = FEEDBACK_EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > length / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/**
 * A KPI's name as the reader sees it: a built-in template's name is stored as its i18n key
 * (decision 041) and translated here. (A local helper until the module has one shared one.)
 */
const id = z.string().trim().min(1, "validation.required").max(40);

/** The log form: department, date received, channel, sentiment, the text, a linked KPI. */
export const logFeedbackSchema = z.object({
  departmentId: id,
  receivedOn: optionalDateField
    .refine((date) => date !== null, "validation.required")
    // A day ahead of UTC: a reader east of Greenwich may already be on tomorrow's date.
    .refine((date) => date === null || date.getTime() <= Date.now() + DAY_MS, {
      message: "kpis.feedback.errors.future",
    })
    .transform((date) => date!),
  channel: z.enum(FEEDBACK_CHANNELS, { message: "validation.required" }),
  sentiment: z.enum(FEEDBACK_SENTIMENTS, { message: "validation.required" }),
  text: z
    .string()
    .transform(cleanFeedbackText)
    .pipe(z.string().min(1, "validation.required").max(FEEDBACK_TEXT_MAX, "validation.tooLong")),
  /** "" = no KPI; else one that applies to the department. */
  kpiId: z.string().trim().max(40).default(""),
  submissionKey: z.string().max(64).default(""),
});
export type LogFeedbackInput = z.output<typeof logFeedbackSchema>;

/** "YYYY-MM-DD" in a filter; anything else is no filter. */
const dayFilter = z
  .string()
  .trim()
  .refine((value) => value === "" || isCalendarDate(value))
  .catch("");

/** The list's (and its CSV's) filters; garbage is ignored, never an error. */
export const feedbackQuerySchema = z.object({
  department: z.string().trim().max(40).catch(""),
  sentiment: z.enum(["", ...FEEDBACK_SENTIMENTS]).catch(""),
  channel: z.enum(["", ...FEEDBACK_CHANNELS]).catch(""),
  kpi: z.string().trim().max(40).catch(""),
  from: dayFilter,
  to: dayFilter,
  page: pageField,
});
export type FeedbackQuery = z.output<typeof feedbackQuerySchema>;

export const feedbackParamsSchema = z.object({ feedbackId: z.string().min(1).max(40) });

/** The idea made from an item: its title and texts, prefilled and editable. */
export const feedbackIdeaSchema = ideaSchema.pick({ title: true, problem: true, proposal: true });
export type FeedbackIdeaInput = z.output<typeof feedbackIdeaSchema>;

/** The detail page's forms. */
export const feedbackDetailForms = z.discriminatedUnion("intent", [
  withIntent("idea", feedbackIdeaSchema),
  withIntent("delete", z.object({})),
]);

/** What the idea draft is made from. */
export interface FeedbackDraftSource {
  departmentName: string;
  receivedOn: Date | string;
  channel: FeedbackChannelValue;
  sentiment: FeedbackSentimentValue;
  text: string;
  kpiName: string | null;
}

/**
 * The idea's prefilled title and texts: the problem quotes the feedback (a Markdown quote)
 * and names the department, channel and date, in the reader's language.
 */
export function feedbackIdeaDraft(
  item: FeedbackDraftSource,
  t: TFunction,
  language: string,
): FeedbackIdeaInput {
  const title = t("kpis.feedback.idea.draftTitle", {
    department: item.departmentName,
    excerpt: excerptOf(item.text, 60),
  });
  const quote = item.text
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  const source = t("kpis.feedback.idea.draftSource", {
    channel: t(`kpis.feedback.channel.${item.channel}`),
    department: item.departmentName,
    date: formatDate(item.receivedOn, language),
    sentiment: t(`kpis.feedback.sentiment.${item.sentiment}`),
  });
  const kpi = item.kpiName
    ? `\n\n${t("kpis.feedback.idea.draftKpi", { kpi: kpiText(t, item.kpiName) })}`
    : "";
  return {
    title: excerptOf(title, TITLE_MAX),
    problem: `${quote}\n\n${source}${kpi}`,
    proposal: t("kpis.feedback.idea.draftProposal"),
  };
}
