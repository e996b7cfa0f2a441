import "server-only";
import type { Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { linkRuleError } from "@/lib/maintenance/window";

/** Loads the components named by the input; unknown ids are a field error, not a 500. */
export async function loadComponents(tx: Tx, ids: string[]) {
  const rows = await tx.component.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, ownerRole: true, public: true } });
  if (rows.length !== ids.length) throw new ValidationError({ componentIds: "Unknown component" });
  return rows;
}

/** Loads changes to link/unlink and applies the link rule (window.ts). */
export async function checkChangeLinks(tx: Tx, before: string[], after: string[]) {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  const rows = added.length || removed.length
    ? await tx.changeRequest.findMany({ where: { id: { in: [...added, ...removed] } }, select: { id: true, number: true, status: true, requesterId: true } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (added.some((id) => !byId.has(id))) throw new ValidationError({ changeIds: "Unknown change request" });
  const addedRows = added.flatMap((id) => byId.get(id) ?? []);
  const removedRows = removed.flatMap((id) => byId.get(id) ?? []);
  const error = linkRuleError(addedRows, removedRows);
  if (error) throw new ValidationError({ changeIds: error });
  return { added: addedRows, removed: removedRows };
}
