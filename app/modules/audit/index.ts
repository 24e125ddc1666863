// The audit module's browser-safe surface: schemas, types, pure rules, components.
export * from "./schemas";
export * from "./components/audit-log";
