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

/** The role an OIDC user without a recognised role claim gets: the one that can change nothing. */
export const DEFAULT_ROLE: Role = "VIEWER";

/**
 * Roles with a fixed duty in the on-call ladder (SPEC.md §5): level 1 pages
 * the primary rotation's role, level 2 the secondary's, level 4 the final one.
 */
export const ONCALL_ROLES = { primary: "SRE", secondary: "SYSADMIN", final: "ARCHITECT" } as const satisfies Record<string, Role>;

/**
 * The one role → action table (SPEC.md §1). Record-level rules (nobody
 * approves their own change, the approver holds the owner role, …) live in
 * the policies (`lib/changes/policy.ts`, `lib/incidents/policy.ts`), which
 * ask this table for the `*_any` / `*_others` exceptions instead of naming a role.
 */
export const PERMISSIONS = {
  "tokens.manage": ALL, // one's own API tokens
  "notifications.read": ALL,
  "components.create": ARCHITECT,
  "components.update": ARCHITECT,
  "users.manage": ARCHITECT,
  "webhooks.manage": ARCHITECT,
  "integrations.manage": ARCHITECT, // alert sources (lib/alerts): create, edit, revoke
  "deliveries.read": ARCHITECT,
  "deliveries.retry": ARCHITECT,
  "audit.read": ARCHITECT,
  "rotations.manage": ARCHITECT,
  /** may be on call: rotation member, override holder, incident commander, change requester */
  "oncall.serve": ENGINEERS,
  "overrides.create": ENGINEERS, // for oneself
  "overrides.delete": ENGINEERS, // one's own (covering or created)
  "overrides.manage_others": ARCHITECT, // create and delete overrides for anyone
  "changes.create": ENGINEERS,
  "changes.edit": ENGINEERS, // the requester's own Draft/Submitted change
  "changes.approve": ENGINEERS, // a change of a component whose owner role one holds
  "changes.approve_any": ARCHITECT, // a change of any component
  /** the extra approval a structural or High-risk change needs */
  "changes.approve_structural": ARCHITECT,
  "changes.transition": ENGINEERS, // the requester's or the owner role's change
  "changes.manage_any": ARCHITECT, // edit, submit and move anyone's change
  "changes.checklist": ENGINEERS,
  "changes.override_freeze": ARCHITECT, // approve/start during an open P1/P2, with a reason
  "freezes.manage": ARCHITECT, // freeze periods (blackout windows, issue 18)
  "maintenance.create": ENGINEERS,
  "maintenance.update": ENGINEERS,
  "maintenance.notify": ENGINEERS,
  "incidents.declare": ENGINEERS,
  "incidents.update": ENGINEERS,
  "incidents.acknowledge": ENGINEERS,
  "incidents.resolve": ENGINEERS,
  "incidents.reopen": ENGINEERS, // as the incident's commander
  "incidents.reopen_any": ARCHITECT, // any resolved incident
  "kpis.read": ALL,
  "costs.manage": ARCHITECT, // monthly cost per component group (KPI "Cost efficiency")
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles holding a permission: for query filters (`role: { in: rolesWith("oncall.serve") }`) and role pickers. */
export function rolesWith(permission: Permission): Role[] {
  return [...PERMISSIONS[permission]];
}

export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(`Your role (${actor.role}) may not ${permission.replace(".", ": ")}`);
}
