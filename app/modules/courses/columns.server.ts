import { readJsonColumn } from "~/lib/json-column.server";
import {
  acceptedAnswersSchema,
  courseSnapshotSchema,
  questionOptionsSchema,
  versionChangesSchema,
} from "./snapshot";

// Readers of the courses module's Json columns; other modules read a snapshot through these.

export const readCourseSnapshot = (value: unknown) =>
  readJsonColumn("CourseVersion.snapshot", courseSnapshotSchema, value);

export const readVersionChanges = (value: unknown) =>
  readJsonColumn("CourseVersion.changes", versionChangesSchema, value);

export const readQuestionOptions = (value: unknown) =>
  readJsonColumn("Question.options", questionOptionsSchema, value);

export const readAcceptedAnswers = (value: unknown) =>
  readJsonColumn("Question.acceptedAnswers", acceptedAnswersSchema, value);
