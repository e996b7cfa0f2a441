import type { Role } from "@/lib/auth/permissions";
import { levelOffsets, rolesForLevel, type EscalationPolicy } from "@/lib/oncall/escalation";
import { onCallAt, type ScheduleOverride, type ScheduleRotation } from "@/lib/oncall/schedule";

export type PreviewRotation = ScheduleRotation & { overrides: ScheduleOverride[] };

export type PreviewStep = {
  level: number;
  /** offset after declaration, in ms */
  offsetMs: number;
  at: Date;
  role: Role;
  rotation: { id: string; name: string } | null;
  userId: string | null;
  viaOverride: boolean;
  /** why nobody would be paged (no rotation for the role, empty rotation), else null */
  gap: string | null;
};

/**
 * "If an incident on a component owned by `ownerRole` were declared at
 * `declaredAt`, who is paged at each level?" Pure: each level is evaluated
 * at its own instant, so handoffs and overrides between +0 and +60 count.
 */
export function previewEscalation(rotations: ReadonlyMap<Role, PreviewRotation>, ownerRoles: readonly Role[], declaredAt: Date, policy: EscalationPolicy): PreviewStep[] {
  const offsets = levelOffsets(policy);
  return offsets.flatMap((offsetMs, i) => {
    const level = i + 1;
    const at = new Date(declaredAt.getTime() + offsetMs);
    return rolesForLevel(level, ownerRoles).map((role): PreviewStep => {
      const rotation = rotations.get(role);
      if (!rotation) return { level, offsetMs, at, role, rotation: null, userId: null, viaOverride: false, gap: `No rotation for ${role}` };
      const res = onCallAt(rotation, rotation.overrides, at);
      const ref = { id: rotation.id, name: rotation.name };
      if (!res.ok) return { level, offsetMs, at, role, rotation: ref, userId: null, viaOverride: false, gap: res.error.message };
      return { level, offsetMs, at, role, rotation: ref, userId: res.userId, viaOverride: res.source === "override", gap: null };
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
