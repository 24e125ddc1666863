import { can, type Action, type Principal, type Subject } from "~/lib/permissions";
import type { AppPath } from "./router-anchor";

export interface NavItem {
  to: AppPath;
  labelKey: string;
  /** One line for the home page's shortcut card. */
  descriptionKey: string;
  requires: [Action, Subject];
}

// Only pages that exist are listed; each capability adds its entry when it lands.
export const NAV_ITEMS: NavItem[] = [
  {
    to: "/",
    labelKey: "nav.home",
    descriptionKey: "nav.homeDescription",
    requires: ["read", "Home"],
  },
  {
    to: "/learn",
    labelKey: "nav.learn",
    descriptionKey: "nav.learnDescription",
    requires: ["read", "Learning"],
  },
  {
    to: "/certificates",
    labelKey: "nav.certificates",
    descriptionKey: "nav.certificatesDescription",
    requires: ["read", "Learning"],
  },
  {
    to: "/ideas",
    labelKey: "nav.ideas",
    descriptionKey: "nav.ideasDescription",
    requires: ["read", "Idea"],
  },
  {
    to: "/rewards",
    labelKey: "nav.rewards",
    descriptionKey: "nav.rewardsDescription",
    requires: ["read", "Reward"],
  },
  {
    to: "/initiatives",
    labelKey: "nav.initiatives",
    descriptionKey: "nav.initiativesDescription",
    requires: ["read", "Initiative"],
  },
  {
    to: "/courses",
    labelKey: "nav.courses",
    descriptionKey: "nav.coursesDescription",
    requires: ["create", "Course"],
  },
  {
    to: "/assignments",
    labelKey: "nav.assignments",
    descriptionKey: "nav.assignmentsDescription",
    requires: ["read", "Assignment"],
  },
  {
    to: "/reports",
    labelKey: "nav.reports",
    descriptionKey: "nav.reportsDescription",
    requires: ["read", "Report"],
  },
  {
    to: "/admin/users",
    labelKey: "nav.users",
    descriptionKey: "nav.usersDescription",
    requires: ["read", "User"],
  },
  {
    to: "/admin/import",
    labelKey: "nav.import",
    descriptionKey: "nav.importDescription",
    requires: ["import", "User"],
  },
  {
    to: "/admin/departments",
    labelKey: "nav.departments",
    descriptionKey: "nav.departmentsDescription",
    requires: ["read", "Department"],
  },
  {
    to: "/admin/audit",
    labelKey: "nav.audit",
    descriptionKey: "nav.auditDescription",
    requires: ["read", "AuditEvent"],
  },
  {
    to: "/admin/outbox",
    labelKey: "nav.outbox",
    descriptionKey: "nav.outboxDescription",
    requires: ["read", "Outbox"],
  },
  {
    to: "/admin/backups",
    labelKey: "nav.backups",
    descriptionKey: "nav.backupsDescription",
    requires: ["read", "Backup"],
  },
  {
    to: "/admin/integrations",
    labelKey: "nav.integrations",
    descriptionKey: "nav.integrationsDescription",
    requires: ["read", "ApiToken"],
  },
  {
    to: "/settings",
    labelKey: "nav.settings",
    descriptionKey: "nav.settingsDescription",
    requires: ["read", "Settings"],
  },
];

export function navigationFor(user: Principal): NavItem[] {
  return NAV_ITEMS.filter((item) => can(user, ...item.requires));
}
