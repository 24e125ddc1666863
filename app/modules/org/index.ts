// The org module's browser-safe surface: schemas, types, pure rules, components.
export * from "./schemas";
export * from "./components/departments-page";
export * from "./components/edit-user-page";
export * from "./components/import-page";
export * from "./components/invite-page";
export * from "./components/user-account-cards";
export * from "./components/user-form";
export * from "./components/users-page";
export * from "./staff-import";
