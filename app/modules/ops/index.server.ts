// The ops module's server API: routes and other modules import only this and ./index.
export * from "./demo.server";
export * from "./event-loop.server";
export * from "./health.server";
export * from "./jobs.server";
export * from "./leases.server";
