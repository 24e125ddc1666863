// The initiatives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./adkar";
export * from "./phases";
export * from "./schemas";
export * from "./components/initiative-tabs";
