import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";

/**
 * The escalation ladder of SPEC.md §5 as pure functions of `now`.
 * Level 1 (SRE on call) at +0, level 2 (SYSADMIN on call) at +steps[0],
 * level 3 (on-call of the owner role of each affected component) at
 * +steps[1], level 4 (ARCHITECT) at +steps[2]. Acknowledging or resolving
 * stops it: a level is due only if its threshold passed strictly before the
 * incident was acknowledged/resolved.
 */
export type EscalationPolicy = { stepsMs: [number, number, number] };

export type EscalationIncident = { declaredAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null };

export type EscalationState = {
  /** highest level due (1..4); 0 only when nothing is due (now before declaration, or stopped at declaration) */
  level: number;
  /** every level whose threshold has passed and was not stopped (ascending) */
  due: number[];
  /** the next level to fire, null when all fired or escalation stopped */
  nextLevel: number | null;
  nextLevelAt: Date | null;
  /** acknowledged or resolved at or before now */
  stopped: boolean;
};

export type LevelTarget = { kind: "role"; role: Role } | { kind: "component_owner" };

export const ESCALATION_LEVELS: readonly { level: 1 | 2 | 3 | 4; label: string; target: LevelTarget }[] = [
  { level: 1, label: "SRE on call (primary)", target: { kind: "role", role: ONCALL_ROLES.primary } },
  { level: 2, label: "Systems Administrator on call (secondary)", target: { kind: "role", role: ONCALL_ROLES.secondary } },
  { level: 3, label: "Component specialist (owner role of the affected components)", target: { kind: "component_owner" } },
  { level: 4, label: "Infrastructure Architect", target: { kind: "role", role: ONCALL_ROLES.final } },
];

/** When level 3 has no component to resolve an owner from, the primary (SRE) rotation is paged again. */
export const FALLBACK_OWNER_ROLE: Role = ONCALL_ROLES.primary;

/** Offsets in ms after declaration, index = level - 1. */
export function levelOffsets(policy: EscalationPolicy): [number, number, number, number] {
  return [0, ...policy.stepsMs];
}

/** The instant a level becomes due. */
export function levelDueAt(declaredAt: Date, level: number, policy: EscalationPolicy): Date {
  return new Date(declaredAt.getTime() + levelOffsets(policy)[level - 1]);
}

/** Roles paged at a level; level 3 pages each distinct owner role of the incident's components. */
export function rolesForLevel(level: number, componentOwnerRoles: readonly Role[]): Role[] {
  const def = ESCALATION_LEVELS[level - 1];
  if (!def) return [];
  if (def.target.kind === "role") return [def.target.role];
  const distinct = [...new Set(componentOwnerRoles)].sort();
  return distinct.length ? distinct : [FALLBACK_OWNER_ROLE];
}

export function escalationState(incident: EscalationIncident, policy: EscalationPolicy, now: Date): EscalationState {
  const declared = incident.declaredAt.getTime();
  const t = now.getTime();
  const stops = [incident.acknowledgedAt, incident.resolvedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  // An acknowledgement after `now` is not known yet "as of now".
  const firstStop = stops.length ? Math.min(...stops) : Infinity;
  const stopped = firstStop <= t;
  const stopAt = stopped ? firstStop : Infinity;
  const offsets = levelOffsets(policy);
  const due: number[] = [];
  let next: { level: number; at: number } | null = null;
  offsets.forEach((offset, i) => {
    const at = declared + offset;
    if (at >= stopAt) return;
    if (at <= t) due.push(i + 1);
    else if (!next || at < next.at) next = { level: i + 1, at };
  });
  const upcoming = next as { level: number; at: number } | null;
  return {
    level: due.length ? Math.max(...due) : 0,
    due,
    nextLevel: upcoming?.level ?? null,
    nextLevelAt: upcoming ? new Date(upcoming.at) : null,
    stopped,
  };
}
