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
  "escalation.manage": ARCHITECT, // the escalation policy (levels, delays, targets, overrides, repeats)
  "contacts.manage": ALL, // one's own contact methods and notification rules
  /** may be on call: rotation member, override holder, incident commander, change requester */
  "oncall.serve": ENGINEERS,
  "overrides.create": ENGINEERS, // for oneself
  "overrides.delete": ENGINEERS, // one's own (covering or created)
  "overrides.manage_others": ARCHITECT, // create and delete overrides for anyone
  "swaps.propose": ENGINEERS, // offer one's own shift to another engineer (issue 13); cancel one's own proposal
  "swaps.respond": ENGINEERS, // accept or decline a swap proposed to oneself
  "swaps.manage_others": ARCHITECT, // cancel anyone's pending swap
  "rotations.delete": ARCHITECT,
  "handoffs.acknowledge": ENGINEERS, // the incoming on-call's own handoff packet
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
  "templates.manage": ARCHITECT, // Standard change templates (pre-approved changes, issue 18)
  "maintenance.create": ENGINEERS,
  "maintenance.update": ENGINEERS,
  "maintenance.notify": ENGINEERS,
  "maintenance.cancel": ENGINEERS,
  "incidents.declare": ENGINEERS,
  "incidents.update": ENGINEERS,
  "incidents.acknowledge": ENGINEERS,
  "incidents.resolve": ENGINEERS,
  "incidents.reopen": ENGINEERS, // as the incident's commander
  "incidents.reopen_any": ARCHITECT, // any resolved incident
  "postmortems.read": ALL,
  "postmortems.edit": ENGINEERS, // sections, follow-ups, Draft ⇄ In review
  "postmortems.publish": ENGINEERS, // as the postmortem's owner
  "postmortems.publish_any": ARCHITECT, // anyone's postmortem
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

/** What a permission lets you do, in words, for refusals ("Your role (VIEWER) may not file change requests"). */
const PERMISSION_PHRASES: Partial<Record<Permission, string>> = {
  "audit.read": "read the audit log",
  "changes.approve": "approve changes",
  "changes.approve_any": "approve changes of any component",
  "changes.approve_structural": "approve structural changes",
  "changes.checklist": "tick readiness items",
  "changes.create": "file change requests",
  "changes.edit": "edit change requests",
  "changes.manage_any": "manage other people's changes",
  "changes.override_freeze": "override a change freeze",
  "changes.transition": "move changes along their lifecycle",
  "components.create": "create components",
  "components.update": "edit components",
  "costs.manage": "record costs",
  "contacts.manage": "manage contact methods",
  "deliveries.read": "see deliveries",
  "deliveries.retry": "retry deliveries",
  "escalation.manage": "edit the escalation policy",
  "incidents.acknowledge": "acknowledge incidents",
  "incidents.declare": "declare incidents",
  "incidents.reopen": "reopen incidents",
  "incidents.reopen_any": "reopen other commanders' incidents",
  "incidents.resolve": "resolve incidents",
  "incidents.update": "post incident updates",
  "templates.manage": "maintain Standard change templates",
  "integrations.manage": "manage alert integrations",
  "kpis.read": "see KPIs",
  "maintenance.create": "schedule maintenance windows",
  "maintenance.notify": "notify about maintenance windows",
  "maintenance.cancel": "cancel maintenance windows",
  "maintenance.update": "edit maintenance windows",
  "notifications.read": "read notifications",
  "oncall.serve": "be on call",
  "overrides.create": "create on-call overrides",
  "overrides.delete": "delete on-call overrides",
  "overrides.manage_others": "manage other people's overrides",
  "postmortems.edit": "edit postmortems",
  "postmortems.publish": "publish postmortems",
  "postmortems.publish_any": "publish other owners' postmortems",
  "postmortems.read": "read postmortems",
  "rotations.manage": "manage rotations",
  "rotations.delete": "delete rotations",
  "swaps.propose": "propose shift swaps",
  "swaps.respond": "answer shift swaps",
  "swaps.manage_others": "cancel other people's shift swaps",
  "handoffs.acknowledge": "acknowledge handoff packets",
  "tokens.manage": "manage API tokens",
  "users.manage": "manage users",
  "webhooks.manage": "manage webhooks",
};

/** A permission in words; new permissions without a phrase read "<action> <area>" ("create widgets"), never the raw key. */
export function permissionPhrase(permission: Permission): string {
  const phrase = PERMISSION_PHRASES[permission];
  if (phrase) return phrase;
  const [area, action = ""] = permission.split(".");
  return `${action.replace(/_/g, " ")} ${area}`.trim();
}

export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(`Your role (${actor.role}) may not ${permissionPhrase(permission)}`);
}
