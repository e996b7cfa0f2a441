import { ForbiddenError } from "@/lib/errors";

/** Roles of SPEC.md §1. Kept as a plain union so client code can import it without Prisma. */
export const ROLES = ["ARCHITECT", "SYSADMIN", "NETWORK", "DBA", "SRE", "AUTOMATION", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ARCHITECT: "Infrastructure Architect",
  SYSADMIN: "Systems Administrator",
  NETWORK: "Network Engineer",
  DBA: "Database Administrator",
  SRE: "Site Reliability Engineer",
  AUTOMATION: "Automation Engineer",
  VIEWER: "Stakeholder (viewer)",
};

export const ENGINEERS: readonly Role[] = ["ARCHITECT", "SYSADMIN", "NETWORK", "DBA", "SRE", "AUTOMATION"];
const ALL: readonly Role[] = ROLES;
const ARCHITECT: readonly Role[] = ["ARCHITECT"];

/**
 * The one role → action table (SPEC.md §1). Record-level rules (nobody
 * approves their own change, the approver holds the owner role, …) live in
 * the domain commands, which call `assertCan` first.
 */
export const PERMISSIONS = {
  "dashboard.read": ALL,
  "tokens.manage": ALL, // one's own API tokens
  "notifications.read": ALL,
  "components.create": ARCHITECT,
  "components.update": ARCHITECT,
  "users.manage": ARCHITECT,
  "webhooks.manage": ARCHITECT,
  "deliveries.read": ARCHITECT,
  "deliveries.retry": ARCHITECT,
  "audit.read": ARCHITECT,
  "rotations.manage": ARCHITECT,
  "overrides.create": ENGINEERS, // for oneself; ARCHITECT for anyone
  "overrides.delete": ENGINEERS,
  "changes.create": ENGINEERS,
  "changes.edit": ENGINEERS,
  "changes.approve": ENGINEERS,
  "changes.transition": ENGINEERS,
  "changes.checklist": ENGINEERS,
  "maintenance.create": ENGINEERS,
  "maintenance.update": ENGINEERS,
  "maintenance.notify": ENGINEERS,
  "incidents.declare": ENGINEERS,
  "incidents.update": ENGINEERS,
  "incidents.acknowledge": ENGINEERS,
  "incidents.resolve": ENGINEERS,
  "incidents.reopen": ENGINEERS, // commander or ARCHITECT, checked in the command
  "incidents.override_freeze": ARCHITECT,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(`Your role (${actor.role}) may not ${permission.replace(".", ": ")}`);
}
