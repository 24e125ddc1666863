// The api module's browser-safe surface: token scopes and forms, the pages.
export * from "./scopes";
export * from "./components/integrations-page";
export * from "./components/api-reference-page";
