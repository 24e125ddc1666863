// The learning module's server API: routes and other modules import only this and ./index.
export * from "./attempt-columns.server";
export * from "./certificates.server";
export * from "./demo.server";
export * from "./enrolments.server";
export * from "./export-rows.server";
export * from "./progress-stats.server";
export * from "./quiz.server";
export * from "./reminders.server";
export * from "./rules.server";
