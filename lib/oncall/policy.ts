import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import { SEVERITIES } from "@/lib/incidents/state-machine";

/**
 * The escalation policy as data (issue 13): a ladder of levels, each with a
 * delay after declaration and a target, repeated K times while nobody
 * acknowledges; optionally a different ladder per severity (e.g. P1 faster)
 * and per component group. Pure: no env, no database.
 *
 * Level numbers are positions: cycle c (0-based), index i of a ladder with L
 * levels is level c·L + i + 1 — whether or not it applies to the incident's
 * severity — so a level keeps its number when the policy is edited, and a
 * level that has a page row is never paged again.
 */
export type Severity = (typeof SEVERITIES)[number];

export type PolicyTarget =
  | { kind: "role"; role: Role }
  | { kind: "component_owner" }
  /** named users and outside contacts (email addresses): the human escalation */
  | { kind: "people"; userIds: string[]; emails: string[] };

export type PolicyLevel = {
  label: string;
  delayMinutes: number;
  target: PolicyTarget;
  /** severities this level applies to; empty = every severity */
  severities: Severity[];
};

export type Ladder = {
  levels: PolicyLevel[];
  /** extra passes through the ladder while unacknowledged (0 = once) */
  repeat: number;
  /** a new pass starts this long after the last level of the previous pass */
  repeatAfterMinutes: number;
};

export type EscalationPolicy = {
  ladder: Ladder;
  severityOverrides: Partial<Record<Severity, Ladder>>;
  /** first match wins: an incident with a component in this group uses this ladder (for every severity) */
  groupOverrides: { group: string; ladder: Ladder }[];
};

export type PolicyIncident = {
  declaredAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  severity: string;
  /** groups of the incident's components */
  componentGroups?: readonly string[];
};

export type ResolvedLevel = { level: number; cycle: number; index: number; label: string; offsetMs: number; target: PolicyTarget };

export const HUMAN_ESCALATION_LABEL = "Human escalation (major incident / business decision)";

/** Minutes (possibly fractional: OPSGATE_ESCALATION_STEPS takes seconds) to whole seconds in ms. */
export const minutesToMs = (minutes: number) => Math.round(minutes * 60) * 1000;

/**
 * The seed's ladder (SPEC.md §5) with OPSGATE_ESCALATION_STEPS as its delays:
 * +0 SRE on call, +15 SYSADMIN on call, +30 component specialist, +60
 * ARCHITECT, then human escalation at 1.5 × the last step (+90 by default),
 * P1/P2 only, nobody named until an ARCHITECT names them (skipped meanwhile).
 */
export function defaultPolicy(stepsMs: readonly [number, number, number] = [15 * 60_000, 30 * 60_000, 60 * 60_000]): EscalationPolicy {
  const min = (ms: number) => ms / 60_000;
  return {
    ladder: {
      levels: [
        { label: "SRE on call (primary)", delayMinutes: 0, target: { kind: "role", role: ONCALL_ROLES.primary }, severities: [] },
        { label: "Systems Administrator on call (secondary)", delayMinutes: min(stepsMs[0]), target: { kind: "role", role: ONCALL_ROLES.secondary }, severities: [] },
        { label: "Component specialist (owner role of the affected components)", delayMinutes: min(stepsMs[1]), target: { kind: "component_owner" }, severities: [] },
        { label: "Infrastructure Architect", delayMinutes: min(stepsMs[2]), target: { kind: "role", role: ONCALL_ROLES.final }, severities: [] },
        { label: HUMAN_ESCALATION_LABEL, delayMinutes: min(Math.round(stepsMs[2] * 1.5)), target: { kind: "people", userIds: [], emails: [] }, severities: ["P1", "P2"] },
      ],
      repeat: 0,
      repeatAfterMinutes: 30,
    },
    severityOverrides: {},
    groupOverrides: [],
  };
}

/** Which ladder applies: the first group override matching a component's group, else the severity's override, else the default. */
export function selectLadder(policy: EscalationPolicy, severity: string, componentGroups: readonly string[] = []): { ladder: Ladder; source: string } {
  const groups = new Set(componentGroups);
  const byGroup = policy.groupOverrides.find((g) => groups.has(g.group));
  if (byGroup) return { ladder: byGroup.ladder, source: `group:${byGroup.group}` };
  const bySeverity = policy.severityOverrides[severity as Severity];
  if (bySeverity) return { ladder: bySeverity, source: `severity:${severity}` };
  return { ladder: policy.ladder, source: "default" };
}

/** A level with no one to page (a human escalation nobody is named for) is skipped. */
function pageable(target: PolicyTarget) {
  return target.kind !== "people" || target.userIds.length + target.emails.length > 0;
}

/** The ladder's levels for a severity, repeats expanded, in level order (the numbering of the module comment). */
export function ladderLevels(ladder: Ladder, severity: string): ResolvedLevel[] {
  const offsets = ladder.levels.map((l) => minutesToMs(l.delayMinutes));
  const cycleMs = Math.max(0, ...offsets) + minutesToMs(ladder.repeatAfterMinutes);
  const out: ResolvedLevel[] = [];
  for (let cycle = 0; cycle <= ladder.repeat; cycle++) {
    ladder.levels.forEach((l, index) => {
      if (l.severities.length && !l.severities.includes(severity as Severity)) return;
      if (!pageable(l.target)) return;
      out.push({ level: cycle * ladder.levels.length + index + 1, cycle, index, label: cycle ? `${l.label} (repeat ${cycle})` : l.label, offsetMs: cycle * cycleMs + offsets[index], target: l.target });
    });
  }
  return out;
}

export type EscalationState = {
  /** highest level due; 0 only when nothing is due (now before declaration, or stopped at declaration) */
  level: number;
  /** every level whose threshold has passed and was not stopped (ascending) */
  due: number[];
  /** the next level to fire, null when all fired or escalation stopped */
  nextLevel: number | null;
  nextLevelAt: Date | null;
  /** acknowledged or resolved at or before now */
  stopped: boolean;
};

export type ResolvedPolicy = {
  source: string;
  levels: (ResolvedLevel & { dueAt: Date; due: boolean })[];
  state: EscalationState;
};

/**
 * The policy applied to one incident as of `now`: which ladder, each level's
 * due time, and the escalation state. A level is due when its threshold is at
 * or before `now` and strictly before the incident was acknowledged/resolved
 * (an acknowledgement after `now` is not known yet "as of now").
 */
export function resolvePolicy(policy: EscalationPolicy, incident: PolicyIncident, now: Date): ResolvedPolicy {
  const { ladder, source } = selectLadder(policy, incident.severity, incident.componentGroups);
  const declared = incident.declaredAt.getTime();
  const t = now.getTime();
  const stops = [incident.acknowledgedAt, incident.resolvedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  const firstStop = stops.length ? Math.min(...stops) : Infinity;
  const stopped = firstStop <= t;
  const stopAt = stopped ? firstStop : Infinity;
  const due: number[] = [];
  let next: { level: number; at: number } | null = null;
  const levels = ladderLevels(ladder, incident.severity).map((l) => {
    const at = declared + l.offsetMs;
    const isDue = at < stopAt && at <= t;
    if (isDue) due.push(l.level);
    else if (at < stopAt && (!next || at < next.at)) next = { level: l.level, at };
    return { ...l, dueAt: new Date(at), due: isDue };
  });
  const upcoming = next as { level: number; at: number } | null;
  return {
    source,
    levels,
    state: {
      level: due.length ? Math.max(...due) : 0,
      due: due.sort((a, b) => a - b),
      nextLevel: upcoming?.level ?? null,
      nextLevelAt: upcoming ? new Date(upcoming.at) : null,
      stopped,
    },
  };
}

/** The rows dueIncidentIds/nextEscalationDueAt join against: the SQL form of selectLadder + ladderLevels. */
export function policyTable(policy: EscalationPolicy): {
  variants: string[];
  severities: string[];
  levels: number[];
  offsetsMs: number[];
  groups: string[];
  groupVariants: string[];
} {
  const out = { variants: [] as string[], severities: [] as string[], levels: [] as number[], offsetsMs: [] as number[], groups: [] as string[], groupVariants: [] as string[] };
  const add = (variant: string, ladderFor: (s: Severity) => Ladder) => {
    for (const s of SEVERITIES)
      for (const l of ladderLevels(ladderFor(s), s)) {
        out.variants.push(variant);
        out.severities.push(s);
        out.levels.push(l.level);
        out.offsetsMs.push(l.offsetMs);
      }
  };
  add("default", (s) => policy.severityOverrides[s] ?? policy.ladder);
  policy.groupOverrides.forEach((g, i) => {
    // only the first override of a group can ever match
    if (policy.groupOverrides.findIndex((o) => o.group === g.group) !== i) return;
    out.groups.push(g.group);
    out.groupVariants.push(`group:${i}`);
    add(`group:${i}`, () => g.ladder);
  });
  return out;
}
