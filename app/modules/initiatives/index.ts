// The initiatives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./adkar";
export * from "./phases";
export * from "./components/initiative-tabs";
export * from "./readiness-rollup";
export * from "./readiness-schemas";
export * from "./components/readiness-page";
export * from "./components/readiness-department-page";
export * from "./readiness-types";
