// The initiatives module's server API: routes and other modules import only this and ./index.
export * from "./access.server";
export * from "./initiatives.server";
export * from "./required-courses.server";
export * from "./respondent.server";
export * from "./subscriptions.server";
export * from "./timeline.server";
export * from "./readiness.server";
export * from "./readiness-export.server";
export * from "./pulses.server";
export * from "./answers.server";
export * from "./pulse-jobs.server";
export * from "./home.server";
export * from "./demo.server";
export * from "./phase-reads.server";
export * from "./api-reads.server";
