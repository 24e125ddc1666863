// The risks module's server API: routes import only this and ./index.
export * from "./risks.server";
export * from "./reviews.server";
export * from "./demo.server";
export * from "./warnings.server";
