import { z } from "zod";
import { readJsonColumn } from "~/lib/json-column.server";

// The Json columns of a quiz attempt, each with its schema (decision 019).

const drawnQuestionSchema = z.object({
  id: z.string(),
  optionIds: z.array(z.string()),
  /**
   * What the browser sees instead of the bank's ids (which show the authoring order):
   * random per attempt. Attempts started before these existed have none and use the ids.
   */
  key: z.string().optional(),
  optionKeys: z.array(z.string()).optional(),
});
export type DrawnQuestion = z.infer<typeof drawnQuestionSchema>;

/** Per question (bank id): the chosen option ids or the typed text. */
const submittedAnswersSchema = z.record(
  z.string(),
  z.object({ optionIds: z.array(z.string()).optional(), text: z.string().optional() }),
);

const questionResultsSchema = z.array(z.object({ id: z.string(), score: z.number() }));
export type QuestionResult = z.infer<typeof questionResultsSchema>[number];

/** QuizAttempt.questions: the drawn questions in the order shown. */
export const readDrawnQuestions = (value: unknown) =>
  readJsonColumn("QuizAttempt.questions", z.array(drawnQuestionSchema), value);

export const readSubmittedAnswers = (value: unknown) =>
  readJsonColumn("QuizAttempt.answers", submittedAnswersSchema, value);

export const readQuestionResults = (value: unknown) =>
  readJsonColumn("QuizAttempt.results", questionResultsSchema, value);
