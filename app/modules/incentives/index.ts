// The incentives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./earning-rules";
export * from "./periods";
export * from "./components/rewards-tabs";
