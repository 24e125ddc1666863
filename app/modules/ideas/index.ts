// The ideas module's browser-safe surface: schemas, types, pure rules, components.
export * from "./access";
export * from "./idea-page-data";
export * from "./schemas";
export * from "./components/board-filters";
export * from "./components/idea-card";
export * from "./components/idea-form";
export * from "./components/idea-page";
export * from "./components/reviewer-panel";
