import "server-only";
/**
 * Reads of the audit log (GET /api/v1/audit, Settings → Audit log). Read-only:
 * writing and the chain itself belong to lib/audit; this module only selects
 * rows and shapes the chain verifier's verdict.
 */
import { verifyAuditChain } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditListQuery } from "@/lib/audit-log/schemas";
import { toVerificationDto, type AuditVerificationDto } from "@/lib/audit-log/verification";

export type AuditEntryDto = {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
};


const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One page, newest first; the cursor is the last row's id. ARCHITECT (audit.read). */
export async function listAudit(actor: Actor, q: Omit<AuditListQuery, "verify"> & { verify?: boolean }) {
  assertCan(actor, "audit.read");
  const where: Prisma.AuditLogWhereInput = {
    ...(q.entity ? { entity: q.entity } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}),
  };
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: q.limit + 1,
    select: { id: true, at: true, actor: { select: { id: true, name: true } }, actorLabel: true, action: true, entity: true, entityId: true, data: true, prevHash: true, hash: true },
  });
  const page = rows.slice(0, q.limit);
  const data: AuditEntryDto[] = page.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actor,
    actorLabel: r.actorLabel,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    data: isRecord(r.data) ? r.data : { value: r.data },
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  return {
    data,
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id.toString() ?? null) : null,
    verification: q.verify ? await verifyAudit(actor) : null,
  };
}

/** Recomputes the hash chain over the whole log (reads every row: on demand only). ARCHITECT (audit.read). */
export async function verifyAudit(actor: Actor): Promise<AuditVerificationDto> {
  assertCan(actor, "audit.read");
  return toVerificationDto(await verifyAuditChain());
}

/** Entities present in the log, for the page's filter. */
export async function listAuditEntities(actor: Actor): Promise<string[]> {
  assertCan(actor, "audit.read");
  const rows = await db.auditLog.findMany({ distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" }, take: 100 });
  return rows.map((r) => r.entity);
}
