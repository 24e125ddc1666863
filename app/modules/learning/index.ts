// The learning module's browser-safe surface: schemas, types, pure rules, components.
export * from "./matching";
export * from "./progress-counters";
export * from "./schemas";
export * from "./components/certificate-view";
export * from "./components/enrolment-card";
export * from "./components/quiz-form";
export * from "./components/rule-form";
