import { ONCALL_ROLES, type Role } from "@/lib/auth/permissions";
import { rolesForTarget, type EscalationPolicy } from "@/lib/oncall/escalation";
import { resolvePolicy } from "@/lib/oncall/policy";
import { onCallAt, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";

export type PreviewRotation = ScheduleRotation & { overrides: ScheduleOverride[] };

export type PreviewStep = {
  level: number;
  label: string;
  /** offset after declaration, in ms */
  offsetMs: number;
  at: Date;
  role: Role;
  /** "" for a rotation's on-call, "user:<id>" / "email:<address>" for a named person */
  targetKey: string;
  rotation: { id: string; name: string } | null;
  userId: string | null;
  /** an outside contact of a human escalation level */
  email: string | null;
  viaOverride: boolean;
  /** why nobody would be paged (no rotation for the role, empty rotation, deactivated user), else null */
  gap: string | null;
};

/** Named people of human escalation levels: their role, and whether they may still be paged. */
export type PreviewPerson = { role: Role; active: boolean; name?: string };

export type PreviewOptions = {
  severity: string;
  componentGroups?: readonly string[];
  people?: ReadonlyMap<string, PreviewPerson>;
  /** users who are deactivated: their shifts are gaps (paging skips them) */
  inactiveUserIds?: ReadonlySet<string>;
};

/**
 * "If an incident of `severity` on a component owned by `ownerRoles` were
 * declared at `declaredAt`, who is paged at each level?" Pure: each level is
 * evaluated at its own instant, so handoffs and overrides during the ladder
 * count. Follows the policy exactly as paging does (lib/oncall/paging.ts):
 * the severity's or group's ladder, repeats, named people.
 */
export function previewEscalation(
  rotations: ReadonlyMap<Role, PreviewRotation>,
  ownerRoles: readonly Role[],
  declaredAt: Date,
  policy: EscalationPolicy,
  opts: PreviewOptions,
): PreviewStep[] {
  const resolved = resolvePolicy(policy, { declaredAt, acknowledgedAt: null, resolvedAt: null, severity: opts.severity, componentGroups: opts.componentGroups }, declaredAt);
  const inactive = opts.inactiveUserIds ?? new Set<string>();
  return resolved.levels.flatMap((l) => {
    const base = { level: l.level, label: l.label, offsetMs: l.offsetMs, at: l.dueAt };
    if (l.target.kind === "people") {
      const people = l.target.userIds.map((userId): PreviewStep => {
        const p = opts.people?.get(userId);
        const gap = !p ? "Unknown user" : !p.active ? `${p.name ?? "User"} is deactivated` : null;
        return { ...base, role: p?.role ?? ONCALL_ROLES.final, targetKey: `user:${userId}`, rotation: null, userId: gap ? null : userId, email: null, viaOverride: false, gap };
      });
      const contacts = l.target.emails.map((email): PreviewStep => ({ ...base, role: ONCALL_ROLES.final, targetKey: `email:${email}`, rotation: null, userId: null, email, viaOverride: false, gap: null }));
      return [...people, ...contacts];
    }
    return rolesForTarget(l.target, ownerRoles).map((role): PreviewStep => {
      const step = { ...base, role, targetKey: "", email: null };
      const rotation = rotations.get(role);
      if (!rotation) return { ...step, rotation: null, userId: null, viaOverride: false, gap: `No rotation for ${role}` };
      const res = onCallAt(rotation, rotation.overrides, l.dueAt);
      const ref = { id: rotation.id, name: rotation.name };
      if (!res.ok) return { ...step, rotation: ref, userId: null, viaOverride: false, gap: res.error.message };
      if (inactive.has(res.userId)) return { ...step, rotation: ref, userId: null, viaOverride: res.source === "override", gap: "The person on call is deactivated" };
      return { ...step, rotation: ref, userId: res.userId, viaOverride: res.source === "override", gap: null };
    });
  });
}

/** "+15 min", "+3 s", "+1 h 30 min": how the ladder shows an offset. */
export function formatOffset(ms: number): string {
  if (ms === 0) return "+0 min";
  if (ms % 60_000 !== 0) return `+${ms / 1000} s`;
  const min = ms / 60_000;
  return `+${min} min`;
}
