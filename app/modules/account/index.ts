// The account module's browser-safe surface: schemas, types, pure rules, components.
export * from "./schemas";
export * from "./two-factor-schemas";
export * from "./components/reauth-prompt";
export * from "./components/settings-cards";
export * from "./components/two-factor-forms";
