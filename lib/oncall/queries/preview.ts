import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { levelOffsets, type EscalationPolicy } from "@/lib/oncall/escalation";
import { escalationPolicy } from "@/lib/oncall/escalation-policy";
import { formatOffset, previewEscalation } from "@/lib/oncall/preview";
import { loadRotations, rotationByRole, usersById, type OnCallUser } from "@/lib/oncall/queries/rotations";
import { previewSchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";

export type EscalationPreview = {
  componentId: string;
  componentName: string;
  declaredAt: string;
  steps: {
    level: number;
    minute: number;
    offset: string;
    at: string;
    role: Role;
    rotation: { id: string; name: string } | null;
    user: OnCallUser | null;
    viaOverride: boolean;
    gap: string | null;
  }[];
};

/** Who would be paged at each level if an incident on the component were declared at `at`. */
export async function getEscalationPreview(input: unknown, policy: EscalationPolicy = escalationPolicy(), now: Date = new Date()): Promise<EscalationPreview> {
  const parsed = parseInput(previewSchema, input);
  const { componentId } = parsed;
  const at = parsed.at ?? now;
  const component = await db.component.findUnique({ where: { id: componentId }, select: { id: true, name: true, ownerRole: true } });
  if (!component) throw new NotFoundError("Component");
  const last = levelOffsets(policy)[3];
  const rotations = rotationByRole(await loadRotations(db, { from: at, to: new Date(at.getTime() + last + 1) }));
  const steps = previewEscalation(rotations, [component.ownerRole], at, policy);
  const users = await usersById(db, steps.flatMap((s) => (s.userId ? [s.userId] : [])));
  return {
    componentId: component.id,
    componentName: component.name,
    declaredAt: at.toISOString(),
    steps: steps.map((s) => ({
      level: s.level,
      minute: s.offsetMs / 60_000,
      offset: formatOffset(s.offsetMs),
      at: s.at.toISOString(),
      role: s.role,
      rotation: s.rotation,
      user: s.userId ? (users.get(s.userId) ?? null) : null,
      viaOverride: s.viaOverride,
      gap: s.gap,
    })),
  };
}

/** Components for the escalation preview picker. */
export function listPreviewComponents() {
  return db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true, ownerRole: true } });
}
