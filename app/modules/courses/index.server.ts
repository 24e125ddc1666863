// The courses module's server API: routes and other modules import only this and ./index.
export * from "./answer-keys.server";
export * from "./columns.server";
export * from "./content.server";
export * from "./courses.server";
export * from "./demo.server";
export * from "./preview.server";
export * from "./course-reads.server";
export * from "./api-reads.server";
