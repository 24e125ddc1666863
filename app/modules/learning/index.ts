// The learning module's browser-safe surface: schemas, types, pure rules, components.
export * from "./enrolment-status";
export * from "./matching";
export * from "./progress-counters";
export * from "./schemas";
export * from "./components/assignments-page";
export * from "./components/certificate-view";
export * from "./components/course-player";
export * from "./components/enrolment-card";
export * from "./components/learner-catalogue";
export * from "./components/my-certificates";
export * from "./components/my-learning-page";
export * from "./components/quiz-form";
export * from "./components/quiz-review";
export * from "./components/rule-enrolments-page";
export * from "./components/rule-form";
export * from "./components/status-badge";
