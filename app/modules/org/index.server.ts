// The org module's server API: routes and other modules import only this and ./index.
export * from "./demo.server";
export * from "./departments.server";
export * from "./own-account.server";
export * from "./users.server";
