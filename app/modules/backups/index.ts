// The backups module's browser-safe surface: values, pure rules, components.
export * from "./values";
export * from "./retention";
export * from "./schedule";
export * from "./schemas";
export * from "./components/backups-page";
