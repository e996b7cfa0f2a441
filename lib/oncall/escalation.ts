import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import { resolvePolicy, type EscalationPolicy, type EscalationState, type PolicyIncident, type PolicyTarget } from "@/lib/oncall/policy";

/**
 * The escalation ladder of SPEC.md §5 as pure functions of `now`, over the
 * policy document of lib/oncall/policy.ts (the seed's ladder by default:
 * level 1 SRE on call at +0, level 2 SYSADMIN on call, level 3 the on-call of
 * the owner role of each affected component, level 4 ARCHITECT, level 5 the
 * human escalation, P1/P2). Acknowledging or resolving stops it: a level is
 * due only if its threshold passed strictly before the incident was
 * acknowledged/resolved.
 */
export type { EscalationPolicy, EscalationState } from "@/lib/oncall/policy";
export { defaultPolicy } from "@/lib/oncall/policy";

export type EscalationIncident = PolicyIncident;

/** When a component-owner level has no component to resolve an owner from, the primary (SRE) rotation is paged again. */
export const FALLBACK_OWNER_ROLE: Role = ONCALL_ROLES.primary;

/** Roles paged for a role or component-owner target (a component-owner level pages each distinct owner role); none for named people. */
export function rolesForTarget(target: PolicyTarget, componentOwnerRoles: readonly Role[]): Role[] {
  if (target.kind === "role") return [target.role];
  if (target.kind === "people") return [];
  const distinct = [...new Set(componentOwnerRoles)].sort();
  return distinct.length ? distinct : [FALLBACK_OWNER_ROLE];
}

export function escalationState(incident: EscalationIncident, policy: EscalationPolicy, now: Date): EscalationState {
  return resolvePolicy(policy, incident, now).state;
}
