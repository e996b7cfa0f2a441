import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { escalationSteps } from "@/lib/env";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultPolicy, type EscalationPolicy, type Ladder } from "@/lib/oncall/policy";
import { escalationPolicyDocumentSchema, saveEscalationPolicySchema } from "@/lib/oncall/policy-schemas";
import { parseInput } from "@/lib/validation";

/** The one stored policy row (EscalationPolicyConfig). */
export const POLICY_ID = "default";

/** The seed's ladder with OPSGATE_ESCALATION_STEPS as its delays: the policy until an ARCHITECT saves one. */
export function envDefaultPolicy(): EscalationPolicy {
  return defaultPolicy(escalationSteps());
}

/** The stored policy (On-call → Escalation policy), or the env default when none was saved. */
export async function loadEscalationPolicy(client: Tx = db): Promise<EscalationPolicy> {
  const row = await client.escalationPolicyConfig.findUnique({ where: { id: POLICY_ID }, select: { document: true } });
  if (!row) return envDefaultPolicy();
  const parsed = escalationPolicyDocumentSchema.safeParse(row.document);
  // Validated at save; a document that no longer parses (a later schema) falls back to the default rather than stop paging.
  return parsed.success ? (parsed.data as EscalationPolicy) : envDefaultPolicy();
}

export type EscalationPolicyView = {
  policy: EscalationPolicy;
  /** 0 = never saved (the env default); PUT sends the version it read */
  version: number;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
};

export async function getEscalationPolicy(client: Tx = db): Promise<EscalationPolicyView> {
  const row = await client.escalationPolicyConfig.findUnique({ where: { id: POLICY_ID }, select: { version: true, updatedAt: true, updatedById: true } });
  const policy = await loadEscalationPolicy(client);
  const by = row?.updatedById ? await client.user.findUnique({ where: { id: row.updatedById }, select: { id: true, name: true } }) : null;
  return { policy, version: row?.version ?? 0, isDefault: !row, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: by };
}

function ladders(p: EscalationPolicy): [string, Ladder][] {
  return [["ladder", p.ladder], ...Object.entries(p.severityOverrides).map(([s, l]) => [`severityOverrides.${s}`, l] as [string, Ladder]), ...p.groupOverrides.map((g, i) => [`groupOverrides.${i}.ladder`, g.ladder] as [string, Ladder])];
}

/**
 * Saves the policy (ARCHITECT, `escalation.manage`). Optimistic: the body
 * carries the version it read (0 for the default), a stale one is 409.
 * Open incidents follow the new policy from the next tick; levels already
 * paged keep their page rows (the unique key), so nothing is paged twice.
 * Named people must be existing, active users.
 */
export async function saveEscalationPolicy({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }): Promise<EscalationPolicyView> {
  assertCan(actor, "escalation.manage");
  const { policy, version } = parseInput(saveEscalationPolicySchema, input);
  const doc = policy as EscalationPolicy;
  const ids = [...new Set(ladders(doc).flatMap(([, l]) => l.levels.flatMap((lv) => (lv.target.kind === "people" ? lv.target.userIds : []))))];
  return db.$transaction(async (tx) => {
    const known = new Set((await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } })).map((u) => u.id));
    for (const [path, l] of ladders(doc))
      l.levels.forEach((lv, i) => {
        const bad = lv.target.kind === "people" ? lv.target.userIds.find((id) => !known.has(id)) : undefined;
        if (bad) throw new ValidationError({ [`policy.${path}.levels.${i}.target.userIds`]: "Pick active users only" });
      });
    const current = await tx.escalationPolicyConfig.findUnique({ where: { id: POLICY_ID }, select: { version: true } });
    if ((current?.version ?? 0) !== version) throw new ConflictError("The escalation policy was changed by someone else; reload and edit again");
    const document = JSON.parse(JSON.stringify(doc)) as Prisma.InputJsonObject;
    if (current) {
      const { count } = await tx.escalationPolicyConfig.updateMany({ where: { id: POLICY_ID, version }, data: { document, version: { increment: 1 }, updatedById: actor.id } });
      if (count !== 1) throw new ConflictError("The escalation policy was changed by someone else; reload and edit again");
    } else {
      await tx.escalationPolicyConfig.create({ data: { id: POLICY_ID, document, version: 1, updatedById: actor.id } });
    }
    await audit(tx, { actor, action: "escalation_policy.updated", entity: "EscalationPolicy", entityId: POLICY_ID, at: now, data: { version: version + 1, policy: document } });
    return getEscalationPolicy(tx);
  });
}

/** The form's shape: the document as JSON text (On-call → Escalation policy); a parse error is a field message, never a 500. */
export async function saveEscalationPolicyFromForm({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "escalation.manage");
  const { document, version } = (input ?? {}) as { document?: unknown; version?: unknown };
  if (typeof document !== "string" || !document.trim()) throw new ValidationError({ document: "Enter the policy" });
  if (document.length > 100_000) throw new ValidationError({ document: "At most 100000 characters" });
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch (err) {
    throw new ValidationError({ document: `Not valid JSON: ${(err as Error).message.slice(0, 200)}` });
  }
  return saveEscalationPolicy({ actor, input: { policy, version } });
}
