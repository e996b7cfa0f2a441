import "server-only";
import type { Actor } from "@/lib/auth/session";
import type { Tx } from "@/lib/db/client";
import { ConflictError, ForbiddenError, GateBlockedError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Verdict } from "./state-machine";

/** What every incident command needs to decide and to write. */
export const incidentForCommand = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
  commanderId: true,
  declaredById: true,
  declaredAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  version: true,
  components: { select: { componentId: true } },
  pages: { select: { userId: true } },
} as const;

export async function loadIncident(client: Tx, id: string) {
  const incident = await client.incident.findUnique({ where: { id }, select: incidentForCommand });
  if (!incident) throw new NotFoundError("Incident");
  return incident;
}
export type LoadedIncident = Awaited<ReturnType<typeof loadIncident>>;

/** A client that saw an older version is refused before anything is written. */
export function assertVersion(incident: { version: number }, seen: number | undefined) {
  if (seen !== undefined && seen !== incident.version) throw new ConflictError("This incident was changed by someone else; reload and try again", { version: `current version is ${incident.version}` });
}

/** Applies a state-machine verdict: a refused move is a 422 naming the field (a role refusal is a 403). */
export function assertVerdict(verdict: Verdict | { ok: false; reason: string; field: string; forbidden: true }) {
  if (verdict.ok) return;
  if ("forbidden" in verdict) throw new ForbiddenError(verdict.reason);
  if (verdict.field === "resolution") throw new ValidationError({ resolution: verdict.reason }, verdict.reason);
  throw new GateBlockedError(verdict.reason, { [verdict.field]: verdict.reason });
}

/**
 * The optimistic write: bumps the version only if nobody else did since we
 * loaded. Zero rows updated means a concurrent change won; the transaction
 * is abandoned by throwing, so nothing of this command is written.
 */
export async function bumpVersion(tx: Tx, incident: { id: string; version: number }, data: Parameters<Tx["incident"]["updateMany"]>[0]["data"]) {
  const { count } = await tx.incident.updateMany({ where: { id: incident.id, version: incident.version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new ConflictError("This incident was changed by someone else; reload and try again");
}

/** Who hears about an incident besides the actor: the commander and everyone paged for it. */
export function stakeholders(incident: LoadedIncident, actor: Actor): string[] {
  const ids = new Set<string>();
  if (incident.commanderId) ids.add(incident.commanderId);
  for (const p of incident.pages) if (p.userId) ids.add(p.userId);
  ids.delete(actor.id);
  return [...ids];
}

export const incidentLink = (id: string) => `/incidents/${id}`;
export const incidentLabel = (i: { number: number; title: string; severity: string }) => `[${i.severity}] #${i.number} ${i.title}`;

/** Transactions here hold the audit chain lock; give the embedded database room under load. */
export const TX_OPTIONS = { timeout: 20_000, maxWait: 15_000 } as const;
