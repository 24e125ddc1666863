// The notifications module's browser-safe surface: schemas, types, pure rules, components.
export * from "./events";
export * from "./components/email-preferences-form";
