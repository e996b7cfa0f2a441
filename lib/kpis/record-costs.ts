import "server-only";
import { audit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { costBatchSchema, costEntrySchema } from "@/lib/kpis/schemas";
import { parseInput } from "@/lib/validation";

/**
 * ARCHITECT (or a billing export through an API token) records the monthly
 * cost of component groups. The same group and month again replaces the
 * amount; every entry is audited with its old and new amount, all in one transaction.
 */
export async function recordCosts({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  assertCan(actor, "costs.manage");
  // One entry or a batch, told apart by `entries`: parsed by that schema alone, so a bad field is named
  // (a zod union that fails every branch reports only "Invalid input").
  const batch = typeof input === "object" && input !== null && "entries" in input;
  const parsed = batch ? parseInput(costBatchSchema, input) : parseInput(costEntrySchema, input);
  const entries = "entries" in parsed ? parsed.entries : [parsed];
  const known = new Set((await db.component.findMany({ distinct: ["group"], select: { group: true } })).map((c) => c.group));
  const unknown = entries.findIndex((e) => !known.has(e.group));
  if (unknown >= 0) throw new ValidationError({ [`${"entries" in parsed ? `entries.${unknown}.` : ""}group`]: `Unknown component group: ${entries[unknown].group}` });
  return db.$transaction(async (tx) => {
    const saved = [];
    for (const e of entries) {
      const amountCents = BigInt(Math.round(e.amount * 100));
      const before = await tx.costEntry.findUnique({ where: { group_month: { group: e.group, month: e.month } }, select: { amountCents: true, currency: true } });
      const row = await tx.costEntry.upsert({
        where: { group_month: { group: e.group, month: e.month } },
        create: { group: e.group, month: e.month, amountCents, currency: e.currency, note: e.note, createdById: actor.id, createdAt: now, updatedAt: now },
        update: { amountCents, currency: e.currency, note: e.note, updatedAt: now },
        select: { id: true, group: true, month: true, amountCents: true, currency: true, note: true },
      });
      const month = row.month.toISOString().slice(0, 7);
      await audit(tx, {
        actor,
        action: before ? "cost.updated" : "cost.recorded",
        entity: "CostEntry",
        entityId: row.id,
        at: now,
        data: { group: row.group, month, amount: e.amount, currency: row.currency, before: before ? { amount: Number(before.amountCents) / 100, currency: before.currency } : null },
      });
      saved.push({ id: row.id, group: row.group, month, amount: Number(row.amountCents) / 100, currency: row.currency, note: row.note });
    }
    return { entries: saved };
  });
}
