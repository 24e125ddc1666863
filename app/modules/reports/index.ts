// The reports module's browser-safe surface: schemas, types, pure rules, components.
export * from "./metrics";
export * from "./rollup";
export * from "./schemas";
export * from "./components/back-to-reports";
export * from "./components/charts";
export * from "./components/dashboard-page";
export * from "./components/drill-down";
export * from "./components/enrolment-table";
export * from "./components/filter-bar";
export * from "./components/manual-completion-form";
export * from "./components/metric-cells";
export * from "./components/overdue-page";
export * from "./components/person-page";
export * from "./components/remind-form";
export * from "./components/summary";
