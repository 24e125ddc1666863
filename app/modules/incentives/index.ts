// The incentives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./earning-rules";
export * from "./periods";
export * from "./components/rewards-tabs";
export * from "./kudos";
export * from "./components/kudos-form";
export * from "./components/kudos-wall";
export * from "./components/kudos-settings-page";
export * from "./ledger-admin";
export * from "./components/ledger-page";
export * from "./components/leaderboard-privacy-card";
