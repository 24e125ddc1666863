// The reports module's browser-safe surface: schemas, types, pure rules, components.
export * from "./metrics";
export * from "./schemas";
export * from "./components/charts";
export * from "./components/drill-down";
export * from "./components/enrolment-table";
export * from "./components/filter-bar";
export * from "./components/manual-completion-form";
export * from "./components/metric-cells";
export * from "./components/remind-form";
export * from "./components/summary";
