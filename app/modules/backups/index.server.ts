// The backups module's server API: routes, scripts and other modules import only this and ./index.
export * from "./backups.server";
export * from "./due.server";
export * from "./errors.server";
export * from "./manifest.server";
export * from "./restore.server";
export * from "./settings.server";
export * from "./verify.server";
