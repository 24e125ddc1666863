// The incentives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./badges";
export * from "./earning-rules";
export * from "./leaderboard-query";
export * from "./periods";
export * from "./points-kinds";
export * from "./points-query";
export * from "./rule-forms";
export * from "./components/badge-list";
export * from "./components/profile-card";
export * from "./components/rewards-tabs";
export * from "./kudos";
export * from "./components/kudos-form";
export * from "./components/kudos-wall";
export * from "./components/kudos-settings-page";
export * from "./components/rules-page";
export * from "./components/board-page";
export * from "./components/points-page";
