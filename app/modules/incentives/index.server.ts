// The incentives module's server API: routes and other modules import only this and ./index.
export * from "./awards.server";
export * from "./badges.server";
export * from "./ledger.server";
export * from "./profile.server";
export * from "./rules.server";
export * from "./subscriptions.server";
export * from "./kudos.server";
export * from "./kudos-settings.server";
export * from "./leaderboards.server";
export * from "./points-history.server";
export * from "./catalogue.server";
export * from "./redemptions.server";
export * from "./ledger-admin.server";
export * from "./privacy.server";
export * from "./demo.server";
export * from "./participation.server";
export * from "./api-reads.server";
