// The processes module's browser-safe surface: the process arithmetic and the page components.
export * from "./flow";
export * from "./forms";
export * from "./schemas";
export * from "./components/process-list-page";
export * from "./components/process-page";
