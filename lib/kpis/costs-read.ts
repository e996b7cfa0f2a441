import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { listCostEntries } from "@/lib/kpis/queries";

export async function listCosts({ actor, query }: { actor: Actor; query: { group?: string } }) {
  assertCan(actor, "kpis.read");
  return { data: await listCostEntries(query.group) };
}
