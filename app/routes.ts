import { type RouteConfig, index, route, prefix } from "@remix-run/route-config";

export default [
  index("routes/home.tsx"),
  route("login", "routes/auth/login.tsx"),
  route("logout", "routes/auth/logout.tsx"),
  route("language", "routes/auth/language.tsx"),
  route("settings", "routes/settings/index.tsx"),
  route("settings/password", "routes/settings/password.tsx"),
  ...prefix("learn", [
    index("routes/learn/index.tsx"),
    route("catalogue", "routes/learn/catalogue.tsx"),
    route(":courseId", "routes/learn/player.tsx"),
    route(":courseId/quiz/:attemptId", "routes/learn/quiz.tsx"),
  ]),
  route("certificates", "routes/certificates/index.tsx"),
  route("certificates/:certificateId", "routes/certificates/detail.tsx"),
  route("verify/:code", "routes/verify.tsx"),
  route("assignments", "routes/assignments/index.tsx"),
  route("assignments/:ruleId", "routes/assignments/rule.tsx"),
  ...prefix("courses", [
    index("routes/courses/catalogue.tsx"),
    route("new", "routes/courses/new.tsx"),
    route("markdown-preview", "routes/courses/markdown-preview.ts"),
    route(":courseId/edit", "routes/courses/edit.tsx"),
    route(":courseId/lessons/:lessonId", "routes/courses/lesson.tsx"),
    route(":courseId/questions/:questionId", "routes/courses/question.tsx"),
    route(":courseId/preview", "routes/courses/preview.tsx"),
  ]),
  ...prefix("admin", [
    route("users", "routes/admin/users.tsx"),
    route("users/new", "routes/admin/user-new.tsx"),
    route("users/:userId", "routes/admin/user-edit.tsx"),
    route("departments", "routes/admin/departments.tsx"),
    route("audit", "routes/admin/audit.tsx"),
  ]),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
