// The incentives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./earning-rules";
export * from "./periods";
export * from "./components/rewards-tabs";
export * from "./catalogue-schemas";
export * from "./components/catalogue-page";
export * from "./components/redemption-queue-page";
export * from "./components/redemption-status-badge";
export * from "./components/reward-manage-page";
