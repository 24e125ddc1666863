// The initiatives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./adkar";
export * from "./phases";
export * from "./schemas";
export * from "./components/initiative-edit";
export * from "./components/initiative-form";
export * from "./components/initiative-list";
export * from "./components/initiative-overview";
export * from "./components/initiative-tabs";
export * from "./components/timeline";
export * from "./readiness-rollup";
export * from "./readiness-schemas";
export * from "./components/readiness-page";
export * from "./components/readiness-department-page";
export * from "./readiness-types";
