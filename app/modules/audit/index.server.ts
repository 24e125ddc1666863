// The audit module's server API: routes and other modules import only this and ./index.
export * from "./audit.server";
