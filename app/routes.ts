import { type RouteConfig, index, route, prefix } from "@remix-run/route-config";

export default [
  index("routes/home.tsx"),
  route("login", "routes/auth/login.tsx"),
  route("login/two-factor", "routes/auth/two-factor.tsx"),
  route("reauth", "routes/auth/reauth.ts"),
  route("logout", "routes/auth/logout.tsx"),
  route("language", "routes/auth/language.tsx"),
  route("settings", "routes/settings/index.tsx"),
  route("settings/password", "routes/settings/password.tsx"),
  route("settings/security", "routes/settings/security.tsx"),
  ...prefix("learn", [
    index("routes/learn/index.tsx"),
    route("catalogue", "routes/learn/catalogue.tsx"),
    route(":courseId", "routes/learn/player.tsx"),
    route(":courseId/quiz/:attemptId", "routes/learn/quiz.tsx"),
  ]),
  route("certificates", "routes/certificates/index.tsx"),
  route("certificates/:certificateId", "routes/certificates/detail.tsx"),
  route("verify/:code", "routes/verify.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("notifications", "routes/notifications.tsx"),
  ...prefix("ideas", [
    index("routes/ideas/index.tsx"),
    route("new", "routes/ideas/new.tsx"),
    route("export", "routes/ideas/export.ts"),
    route(":ideaId", "routes/ideas/detail.tsx"),
  ]),
  // The incentive board (decision 031).
  ...prefix("rewards", [
    // board, my points, ledger
    index("routes/rewards/board.tsx"),
    route("points", "routes/rewards/points.tsx"),
    route("ledger", "routes/rewards/ledger.tsx"),
    route("ledger/people", "routes/rewards/ledger-people.ts"),
    route("ledger/export", "routes/rewards/ledger-export.ts"),

    // kudos
    route("kudos", "routes/rewards/kudos.tsx"),
    route("kudos/people", "routes/rewards/kudos-people.ts"),
    route("kudos/departments", "routes/rewards/kudos-departments.ts"),
    route("kudos/settings", "routes/rewards/kudos-settings.tsx"),

    // catalogue and redemptions
    route("catalogue", "routes/rewards/catalogue.tsx"),
    route("catalogue/manage", "routes/rewards/catalogue-manage.tsx"),
    route("redemptions", "routes/rewards/redemptions.tsx"),

    // rules, badges and profile cards
    route("rules", "routes/rewards/rules.tsx"),
    route("people/:userId", "routes/rewards/person.tsx"),
  ]),
  // Change initiatives and adoption readiness (decision 037).
  ...prefix("initiatives", [
    // initiatives, phases, targets, required courses, timeline
    index("routes/initiatives/index.tsx"),
    route("new", "routes/initiatives/new.tsx"),
    route("people", "routes/initiatives/people.ts"),
    route("published-courses", "routes/initiatives/published-courses.ts"),
    route("process-courses", "routes/initiatives/process-courses.ts"),
    // Customer-satisfaction KPIs (decision 041): the board, definitions and plans.
    route("kpis", "routes/initiatives/kpis/board.tsx"),
    route("kpis/export", "routes/initiatives/kpis/board-export.ts"),
    route("kpis/definitions", "routes/initiatives/kpis/definitions.tsx"),
    route("kpis/definitions/export", "routes/initiatives/kpis/definitions-export.ts"),
    route("kpis/new", "routes/initiatives/kpis/new.tsx"),
    route("kpis/import", "routes/initiatives/kpis/import.tsx"),
    route("kpis/import/template", "routes/initiatives/kpis/import-template.ts"),
    route("kpis/import/errors", "routes/initiatives/kpis/import-errors.ts"),
    route("kpis/:kpiId", "routes/initiatives/kpis/detail.tsx"),
    route("kpis/:kpiId/departments/:departmentId", "routes/initiatives/kpis/department.tsx"),
    route(
      "kpis/:kpiId/departments/:departmentId/export",
      "routes/initiatives/kpis/department-export.ts",
    ),

    // Customer feedback
    route("feedback", "routes/initiatives/feedback.tsx"),
    route("feedback/new", "routes/initiatives/feedback-new.tsx"),
    route("feedback/export", "routes/initiatives/feedback-export.ts"),
    route("feedback/:feedbackId", "routes/initiatives/feedback-detail.tsx"),
    route(":initiativeId", "routes/initiatives/detail.tsx"),
    route(":initiativeId/edit", "routes/initiatives/edit.tsx"),

    // pulse surveys (HR)
    route(":initiativeId/pulses", "routes/initiatives/pulses.tsx"),

    // readiness
    route(":initiativeId/readiness", "routes/initiatives/readiness.tsx"),
    route(
      ":initiativeId/readiness/departments/:departmentId",
      "routes/initiatives/readiness-department.tsx",
    ),
    route(":initiativeId/readiness/export", "routes/initiatives/readiness-export.ts"),

    // the effect of the programme on the customer KPIs (decision 041)
    route(":initiativeId/effect", "routes/initiatives/effect.tsx"),
    route(":initiativeId/effect/export", "routes/initiatives/effect-export.ts"),

    // process maps (decision 042)
    route(":initiativeId/processes", "routes/initiatives/processes.tsx"),
    route(":initiativeId/processes/:processId", "routes/initiatives/process.tsx"),
    route(":initiativeId/processes/:processId/export", "routes/initiatives/process-export.ts"),
    // the risk register (decision 043)
    route(":initiativeId/risks", "routes/initiatives/risks/register.tsx"),
    route(":initiativeId/risks/export", "routes/initiatives/risks/export.ts"),
    route(":initiativeId/risks/:riskId", "routes/initiatives/risks/detail.tsx"),
  ]),
  // Answering a pulse survey (everyone asked).
  route("surveys/:pulseId", "routes/surveys/answer.tsx"),

  route("assignments", "routes/assignments/index.tsx"),
  route("assignments/:ruleId", "routes/assignments/rule.tsx"),
  ...prefix("courses", [
    index("routes/courses/catalogue.tsx"),
    route("new", "routes/courses/new.tsx"),
    route("markdown-preview", "routes/courses/markdown-preview.ts"),
    route(":courseId/edit", "routes/courses/edit.tsx"),
    route(":courseId/lessons/new", "routes/courses/lesson-new.tsx"),
    route(":courseId/lessons/:lessonId", "routes/courses/lesson.tsx"),
    route(":courseId/questions/new", "routes/courses/question-new.tsx"),
    route(":courseId/questions/:questionId", "routes/courses/question.tsx"),
    route(":courseId/preview", "routes/courses/preview.tsx"),
  ]),
  ...prefix("reports", [
    index("routes/reports/dashboard.tsx"),
    route("overdue", "routes/reports/overdue.tsx"),
    route("options", "routes/reports/options.ts"),
    route("departments/:departmentId", "routes/reports/department.tsx"),
    route("courses/:courseId", "routes/reports/course.tsx"),
    route("people/:userId", "routes/reports/person.tsx"),
    route("export/:table", "routes/reports/export.ts"),
  ]),
  ...prefix("admin", [
    route("users", "routes/admin/users.tsx"),
    route("users/new", "routes/admin/user-new.tsx"),
    route("users/:userId", "routes/admin/user-edit.tsx"),
    route("departments", "routes/admin/departments.tsx"),
    route("import", "routes/admin/import.tsx"),
    route("import/template", "routes/admin/import-template.ts"),
    route("import/errors", "routes/admin/import-errors.ts"),
    route("audit", "routes/admin/audit.tsx"),
    route("outbox", "routes/admin/outbox.tsx"),
    route("backups", "routes/admin/backups.tsx"),
    route("backups/:backupId/download", "routes/admin/backups-download.ts"),
    route("security", "routes/admin/security.tsx"),
    // API tokens and the API reference (decision 044).
    route("integrations", "routes/admin/integrations.tsx"),
    route("integrations/reference", "routes/admin/integrations-reference.tsx"),
    route("webhooks", "routes/admin/webhooks.tsx"),
    route("webhooks/:webhookId", "routes/admin/webhook.tsx"),
  ]),
  route("healthz", "routes/healthz.ts"),
  // The REST API (decision 044): one route, the api module's registry behind it.
  route("api/v1/*", "routes/api/v1.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
