// The api module's server surface (decision 044): tokens, the /api/v1 handler, the document.
export * from "./endpoints.server";
export * from "./handler.server";
export * from "./openapi.server";
export * from "./problem.server";
export * from "./tokens.server";
