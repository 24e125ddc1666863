// The org module's server API: routes and other modules import only this and ./index.
export * from "./demo.server";
export * from "./departments.server";
export * from "./own-account.server";
export * from "./person-card.server";
export * from "./users.server";
export * from "./import/commit.server";
export * from "./import/files.server";
export * from "./import/invitations.server";
export * from "./import/parse.server";
export * from "./import/plan.server";
export * from "./headcounts.server";
export * from "./people-picker.server";
export * from "./department-tree.server";
export * from "./api-reads.server";
