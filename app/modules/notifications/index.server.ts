// The notifications module's server API: routes and other modules import only this and ./index.
export * from "./mailer.server";
export * from "./notifications.server";
export * from "./notify.server";
