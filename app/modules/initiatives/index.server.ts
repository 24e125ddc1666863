// The initiatives module's server API: routes and other modules import only this and ./index.
export * from "./access.server";
export * from "./respondent.server";
export * from "./pulses.server";
export * from "./answers.server";
export * from "./pulse-jobs.server";
export * from "./home.server";
