// The incentives module's server API: routes and other modules import only this and ./index.
export * from "./awards.server";
export * from "./ledger.server";
export * from "./subscriptions.server";
export * from "./kudos.server";
export * from "./kudos-settings.server";
export * from "./ledger-admin.server";
export * from "./privacy.server";
