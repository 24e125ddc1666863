// The kpis module's server API: routes import only this and ./index.
export * from "./access.server";
export * from "./actuals.server";
export * from "./board.server";
export * from "./definitions.server";
export * from "./standing.server";
export * from "./subscriptions.server";
export * from "./board-export.server";
export * from "./feedback.server";
export * from "./effect.server";
export * from "./demo.server";
export * from "./import.server";
export * from "./department-page.server";
export * from "./feeds.server";
