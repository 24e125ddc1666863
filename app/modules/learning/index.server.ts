// The learning module's server API: routes and other modules import only this and ./index.
export * from "./attempt-columns.server";
export * from "./catalogue.server";
export * from "./certificates.server";
export * from "./completion.server";
export * from "./demo.server";
export * from "./enrolment-status.server";
export * from "./export-rows.server";
export * from "./my-learning.server";
export * from "./open-enrolment.server";
export * from "./player.server";
export * from "./progress-stats.server";
export * from "./quiz.server";
export * from "./recertification.server";
export * from "./reminders.server";
export * from "./rule-application.server";
export * from "./rule-authoring.server";
export * from "./rule-lists.server";
