// The reports module's server API: routes and other modules import only this and ./index.
export * from "./actions.server";
export * from "./counters.server";
export * from "./dashboard.server";
export * from "./enrolment-export.server";
export * from "./export.server";
export * from "./filter-options.server";
export * from "./lists.server";
export * from "./person.server";
export * from "./rows.server";
export * from "./scope.server";
export * from "./feeds.server";
