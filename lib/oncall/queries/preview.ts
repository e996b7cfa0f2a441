import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { EscalationPolicy } from "@/lib/oncall/escalation";
import { loadEscalationPolicy } from "@/lib/oncall/escalation-policy";
import { selectLadder } from "@/lib/oncall/policy";
import { formatOffset, previewEscalation } from "@/lib/oncall/preview";
import { loadRotations, rotationByRole, usersById, type OnCallUser } from "@/lib/oncall/queries/rotations";
import { previewSchema } from "@/lib/oncall/schemas";
import { parseInput } from "@/lib/validation";

export type EscalationPreview = {
  componentId: string;
  componentName: string;
  declaredAt: string;
  severity: string;
  /** which ladder of the policy applies ("default", "severity:P1", "group:<name>") */
  policy: string;
  steps: {
    level: number;
    label: string;
    minute: number;
    offset: string;
    at: string;
    role: Role;
    targetKey: string;
    rotation: { id: string; name: string } | null;
    user: OnCallUser | null;
    email: string | null;
    viaOverride: boolean;
    gap: string | null;
  }[];
};

/** Named people of the policy's human escalation levels (role, active) for the preview. */
export async function policyPeople(policy: EscalationPolicy) {
  const ladders = [policy.ladder, ...Object.values(policy.severityOverrides), ...policy.groupOverrides.map((g) => g.ladder)];
  const ids = [...new Set(ladders.flatMap((l) => (l ? l.levels.flatMap((lv) => (lv.target.kind === "people" ? lv.target.userIds : [])) : [])))];
  const rows = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true, active: true, name: true } }) : [];
  return new Map(rows.map((u) => [u.id, u]));
}

/** Who would be paged at each level if an incident on the component were declared at `at`. */
export async function getEscalationPreview(input: unknown, policyArg?: EscalationPolicy, now: Date = new Date()): Promise<EscalationPreview> {
  const parsed = parseInput(previewSchema, input);
  const { componentId, severity } = parsed;
  const at = parsed.at ?? now;
  const component = await db.component.findUnique({ where: { id: componentId }, select: { id: true, name: true, ownerRole: true, group: true } });
  if (!component) throw new NotFoundError("Component");
  const policy = policyArg ?? (await loadEscalationPolicy());
  const people = await policyPeople(policy);
  const probe = previewEscalation(new Map(), [component.ownerRole], at, policy, { severity, componentGroups: [component.group], people });
  const last = Math.max(0, ...probe.map((s) => s.offsetMs));
  const rotations = rotationByRole(await loadRotations(db, { from: at, to: new Date(at.getTime() + last + 1) }));
  const inactive = new Set((await db.user.findMany({ where: { active: false }, select: { id: true } })).map((u) => u.id));
  const steps = previewEscalation(rotations, [component.ownerRole], at, policy, { severity, componentGroups: [component.group], people, inactiveUserIds: inactive });
  const users = await usersById(db, steps.flatMap((s) => (s.userId ? [s.userId] : [])));
  return {
    componentId: component.id,
    componentName: component.name,
    declaredAt: at.toISOString(),
    severity,
    policy: selectLadder(policy, severity, [component.group]).source,
    steps: steps.map((s) => ({
      level: s.level,
      label: s.label,
      minute: s.offsetMs / 60_000,
      offset: formatOffset(s.offsetMs),
      at: s.at.toISOString(),
      role: s.role,
      targetKey: s.targetKey,
      rotation: s.rotation,
      user: s.userId ? (users.get(s.userId) ?? null) : null,
      email: s.email,
      viaOverride: s.viaOverride,
      gap: s.gap,
    })),
  };
}

/** Components for the escalation preview picker. */
export function listPreviewComponents() {
  return db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true, ownerRole: true } });
}
