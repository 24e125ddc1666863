import { z } from "zod";
import { checkboxField, optionalWholeNumber, pageField } from "~/lib/fields";
import { markdownField } from "~/lib/markdown-limits";

export const CATEGORIES = ["PROCESS", "TECHNOLOGY", "COMPLIANCE", "SOFT_SKILLS"] as const;
export const STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export const QUESTION_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "SHORT"] as const;
export const COVER_COLORS = [
  "teal",
  "blue",
  "indigo",
  "grape",
  "orange",
  "red",
  "green",
  "cyan",
] as const;
export const COVER_ICONS = ["📘", "📞", "⏱️", "💻", "💬", "🛡️", "🤖", "📊", "🤝", "⭐"] as const;

export type Category = (typeof CATEGORIES)[number];
export type CourseStatus = (typeof STATUSES)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

const title = z.string().trim().min(1, "validation.required").max(120, "validation.tooLong");
const optionalUrl = z
  .string()
  .trim()
  .max(500, "validation.tooLong")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "validation.url")
  .default("");
const revision = z.coerce.number().int().min(1);

/** Whole numbers typed into a text input, within a range. */
const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "validation.wholeNumber")
    .transform(Number)
    .refine((n) => n >= min && n <= max, "validation.outOfRange");

/** The same, where "" (or a field left out of the post) means none (null). */
const optionalIntIn = optionalWholeNumber;

export const courseSchema = z.object({
  title,
  summary: z.string().trim().max(2000, "validation.tooLong").default(""),
  category: z.enum(CATEGORIES, { message: "validation.required" }),
  estimatedMinutes: intIn(1, 1000),
  tags: z
    .string()
    .trim()
    .max(200, "validation.tooLong")
    .default("")
    .transform((value) =>
      [
        ...new Set(
          value
            .split(",")
            .map((tag) => tag.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].join(","),
    ),
  coverColor: z.enum(COVER_COLORS),
  coverIcon: z.enum(COVER_ICONS),
  ownerId: z.string().trim().min(1, "validation.required"),
});

export const courseUpdateSchema = courseSchema.extend({ revision });

export const lessonSchema = z.object({
  title,
  body: markdownField(z.string().max(50_000, "validation.tooLong")).default(""),
  videoUrl: optionalUrl,
  attachmentUrl: optionalUrl,
});

export const lessonUpdateSchema = lessonSchema.extend({ revision });

export const quizSettingsSchema = z.object({
  passMark: intIn(0, 100),
  attemptsAllowed: optionalIntIn(1, 100),
  timeLimitMinutes: optionalIntIn(1, 600),
  drawCount: intIn(0, 500),
  shuffleOptions: checkboxField,
  revision,
});

const optionSchema = z.object({
  id: z.string().min(1).max(40),
  text: z.string().trim().min(1, "validation.required").max(500, "validation.tooLong"),
  correct: z.boolean(),
});

/**
 * One question of the bank. Rules: choice questions need two or more options with at
 * least one correct; single choice and true/false exactly one; short answer at least
 * one accepted answer.
 */
export const questionSchema = z
  .object({
    type: z.enum(QUESTION_TYPES),
    prompt: z.string().trim().min(1, "validation.required").max(2000, "validation.tooLong"),
    explanation: z.string().trim().max(2000, "validation.tooLong").default(""),
    partialCredit: z.boolean().default(false),
    options: z.array(optionSchema).max(10, "courses.question.tooManyOptions").default([]),
    acceptedAnswers: z
      .array(z.object({ value: z.string().trim().max(200, "validation.tooLong") }))
      .max(20)
      .default([]),
  })
  .superRefine((question, ctx) => {
    if (question.type === "SHORT") {
      if (!question.acceptedAnswers.some((answer) => answer.value !== "")) {
        ctx.addIssue({
          code: "custom",
          path: ["acceptedAnswers"],
          message: "courses.question.needsAnswer",
        });
      }
      return;
    }
    const correct = question.options.filter((option) => option.correct).length;
    if (question.options.length < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "courses.question.needsTwoOptions",
      });
    } else if (correct === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "courses.question.needsCorrect" });
    } else if (question.type !== "MULTIPLE" && correct !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "courses.question.exactlyOneCorrect",
      });
    }
  });

/** An edit names the revision it started from (optimistic check). */
export const questionUpdateSchema = questionSchema.and(
  z.object({ revision: z.number().int().min(1) }),
);

export const courseListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  category: z.enum(["", ...CATEGORIES]).catch(""),
  status: z.enum(["", ...STATUSES]).catch(""),
  ownerId: z.string().trim().max(40).catch(""),
  page: pageField,
});

export type CourseInput = z.infer<typeof courseSchema>;
export type LessonInput = z.infer<typeof lessonSchema>;
export type QuestionInput = z.infer<typeof questionSchema>;
export type QuizSettingsInput = z.infer<typeof quizSettingsSchema>;
export type CourseListQuery = z.infer<typeof courseListQuerySchema>;

export const previewAnswersSchema = z.object({
  // The preview load's nonce: the opaque question and option ids are derived from it.
  nonce: z.string().min(1).max(64),
  answers: z
    .record(
      z.string().max(40),
      z
        .object({
          optionIds: z.array(z.string().max(40)).max(10).optional(),
          text: z.string().max(200).optional(),
        })
        .strict(),
    )
    .refine((answers) => Object.keys(answers).length <= 500),
});
