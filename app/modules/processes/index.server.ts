// The processes module's server API: routes import only this and ./index.
export * from "./processes.server";
export * from "./export.server";
export * from "./choices.server";
export * from "./demo.server";
