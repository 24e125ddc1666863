// The initiatives module's browser-safe surface: schemas, types, pure rules, components.
export * from "./adkar";
export * from "./phases";
export * from "./components/initiative-tabs";
export * from "./pulse-schemas";
export * from "./components/pulse-list-page";
export * from "./components/answer-page";
export * from "./components/home-initiatives";
