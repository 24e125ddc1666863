// The courses module's browser-safe surface: schemas, types, pure rules, components.
export * from "./demo-content";
export * from "./grading";
export * from "./schemas";
export * from "./snapshot";
export * from "./components/answer-input";
export * from "./components/change-summary";
export * from "./components/course-card";
export * from "./components/course-form";
export * from "./components/lesson-editor";
export * from "./components/lesson-view";
export * from "./components/ordered-items";
export * from "./components/preview-quiz";
export * from "./components/question-editor";
export * from "./components/quiz-settings-form";
