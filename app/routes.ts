import { type RouteConfig, index, route, prefix } from "@remix-run/route-config";

export default [
  index("routes/home.tsx"),
  route("login", "routes/auth/login.tsx"),
  route("logout", "routes/auth/logout.tsx"),
  route("language", "routes/auth/language.tsx"),
  route("settings", "routes/settings/index.tsx"),
  route("settings/password", "routes/settings/password.tsx"),
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
