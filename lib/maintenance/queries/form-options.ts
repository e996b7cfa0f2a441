import "server-only";
import { ONCALL_ROLES } from "@/lib/auth/permissions";
import { STATUS_LABEL } from "@/lib/changes/state-machine";
import { db, type Tx } from "@/lib/db/client";
import { whoIsOnCallWith } from "@/lib/oncall/queries";

/** The default CONTACT: the SRE on call at `at` (SPEC.md §4 "the on-call team"). */
export async function defaultContact(at: Date, client: Tx = db): Promise<string> {
  const sre = await whoIsOnCallWith(client, ONCALL_ROLES.primary, at).catch(() => null);
  return sre ? `On-call: ${sre.name}` : "SRE on-call team";
}

/** Components for the AFFECTED multi-select. */
export function listComponentOptions() {
  return db.component.findMany({ orderBy: [{ group: "asc" }, { position: "asc" }, { name: "asc" }], select: { id: true, name: true, group: true } });
}

/** Change requests a window may be linked to (open ones), plus any ids asked for explicitly. */
export async function listLinkableChanges(include: string[] = []) {
  const rows = await db.changeRequest.findMany({
    where: { OR: [{ status: { in: ["Draft", "Submitted", "Approved", "Scheduled", "InProgress"] } }, ...(include.length ? [{ id: { in: include } }] : [])] },
    orderBy: { number: "desc" },
    take: 200,
    select: { id: true, number: true, description: true, status: true, componentId: true, component: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, number: r.number, description: r.description, status: STATUS_LABEL[r.status], componentId: r.componentId, component: r.component.name }));
}
