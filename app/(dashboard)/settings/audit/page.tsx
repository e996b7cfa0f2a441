import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/layout/not-allowed";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { listAudit, listAuditEntities, verifyAudit } from "@/lib/audit-log/queries";
import { auditListQuerySchema } from "@/lib/audit-log/schemas";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { formatUtc } from "@/lib/utils";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Search = { entity?: string; entityId?: string; action?: string; cursor?: string };

/** Settings → Audit log: the append-only log, filtered, newest first, with the hash-chain verdict. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor.role, "audit.read")) {
    return <NotAllowed title="Audit log">Only an Infrastructure Architect may read the audit log. Your role is {actor.role}.</NotAllowed>;
  }
  const sp = await searchParams;
  const parsed = auditListQuerySchema.safeParse({ limit: "50", entity: sp.entity || undefined, entityId: sp.entityId || undefined, action: sp.action || undefined, cursor: sp.cursor || undefined });
  const query = parsed.success ? parsed.data : auditListQuerySchema.parse({ limit: "50" });
  const [page, entities, verification] = await Promise.all([listAudit(actor, { ...query, verify: false }), listAuditEntities(actor), verifyAudit(actor)]);
  const filters = new URLSearchParams(Object.entries({ entity: query.entity, entityId: query.entityId, action: query.action }).filter((e): e is [string, string] => !!e[1]));
  const next = page.nextCursor ? `/settings/audit?${new URLSearchParams([...filters, ["cursor", page.nextCursor]])}` : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in OpsGate, who made it and when, newest first. Rows are hash-chained: editing, removing or reordering one breaks the chain."
        actions={
          <Link href="/settings" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Settings
          </Link>
        }
      />
      <Card className="mb-4" role="status" aria-label="Hash chain">
        {verification.ok ? (
          <p className="text-sm">
            <Badge tone="green">Chain verified</Badge> {verification.checked} rows recomputed, none altered.
          </p>
        ) : (
          <p className="text-sm text-red-800 dark:text-red-300">
            <Badge tone="red">Chain broken</Badge> at row {verification.firstBadId ?? "?"}: {verification.reason ?? "the stored hash does not match"} ({verification.checked} rows checked).
          </p>
        )}
      </Card>
      <form method="get" action="/settings/audit" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm">
          <span className="block font-medium">Entity</span>
          <Select name="entity" defaultValue={query.entity ?? ""}>
            <option value="">All</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Entity id</span>
          <Input name="entityId" defaultValue={query.entityId ?? ""} maxLength={100} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">Action</span>
          <Input name="action" defaultValue={query.action ?? ""} maxLength={100} placeholder="e.g. change.approved" />
        </label>
        <Button type="submit" variant="outline">
          Filter
        </Button>
        {!parsed.success ? <p className="text-sm text-red-700 dark:text-red-400">{parsed.error.issues[0]?.message}</p> : null}
      </form>
      <Card>
        {page.data.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No entries match.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit entries, newest first</caption>
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">When (UTC)</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Who</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Action</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Entity</th>
                  <th scope="col" className="py-2 font-medium">Data</th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800">
                    <td className="py-2 pr-4 whitespace-nowrap">{formatUtc(e.at)}</td>
                    <td className="py-2 pr-4">{e.actor?.name ?? e.actorLabel}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                    <td className="py-2 pr-4">
                      <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/settings/audit?${new URLSearchParams({ entity: e.entity, entityId: e.entityId })}`}>
                        {e.entity} <span className="font-mono text-xs">{e.entityId}</span>
                      </Link>
                    </td>
                    <td className="py-2 font-mono text-xs break-all">{JSON.stringify(e.data).slice(0, 300)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next ? (
          <p className="mt-3 text-sm">
            <Link href={next} className="text-sky-700 hover:underline dark:text-sky-400">
              Older entries
            </Link>
          </p>
        ) : null}
      </Card>
    </>
  );
}
