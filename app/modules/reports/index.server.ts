// The reports module's server API: routes and other modules import only this and ./index.
export * from "./actions.server";
export * from "./export.server";
export * from "./reports.server";
