// The ideas module's server API: routes and other modules import only this and ./index.
export * from "./demo.server";
export * from "./ideas.server";
