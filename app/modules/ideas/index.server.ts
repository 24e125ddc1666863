// The ideas module's server API: routes and other modules import only this and ./index.
// idea-records.server.ts stays inside the module (loading an idea as the viewer may see it).
export * from "./award-sources.server";
export * from "./board.server";
export * from "./comments.server";
export * from "./demo.server";
export * from "./follows.server";
export * from "./idea-page.server";
export * from "./moderation.server";
export * from "./submit.server";
export * from "./votes.server";
export * from "./workflow.server";
export * from "./participation.server";
export * from "./api-reads.server";
