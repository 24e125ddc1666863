// The webhooks module's browser-safe surface: event types, form schemas, page components.
export * from "./events";
export * from "./schemas";
export * from "./components/webhook-pages";
