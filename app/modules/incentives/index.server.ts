// The incentives module's server API: routes and other modules import only this and ./index.
export * from "./awards.server";
export * from "./ledger.server";
export * from "./subscriptions.server";
export * from "./catalogue.server";
export * from "./redemptions.server";
