import type { Metadata } from "next";
import Link from "next/link";
import { DecisionForm } from "@/components/changes/change-actions";
import { Button } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listCabQueue } from "@/lib/changes/cab";
import { formatUtc } from "@/lib/utils";
import { decideChangeAction } from "../actions";

export const metadata: Metadata = { title: "CAB queue" };
export const dynamic = "force-dynamic";

/** The approver's queue: decide from the list (approve, or reject with a comment) without opening each change. */
export default async function CabPage() {
  const actor = await requireActor();
  const items = await listCabQueue(actor);
  return (
    <>
      <PageHeader
        title="CAB queue"
        description="Changes awaiting your approval, by planned start, with their gate state, risk, conflicts and freezes."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/api/v1/changes/cab/agenda?format=md" prefetch={false}>Agenda (Markdown)</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/api/v1/changes/cab/agenda?format=csv" prefetch={false}>Agenda (CSV)</Link>
            </Button>
          </>
        }
      />
      <ul className="grid gap-4" aria-label="Changes awaiting my approval">
        {items.map((c) => (
          <li key={c.id}>
            <Card className="grid gap-3 lg:grid-cols-2">
              <div className="space-y-1 text-sm">
                <h2 className="text-base font-semibold">
                  <Link href={`/changes/${c.id}`} className="hover:underline">
                    CR-{c.number}: {c.description}
                  </Link>
                </h2>
                <p>
                  {c.component} · <Badge tone={c.kind === "Emergency" ? "red" : "slate"}>{c.kind}</Badge> · Risk {c.riskLevel ?? "not assessed"}
                  {c.structural ? " (structural)" : ""} · by {c.requester}
                </p>
                <p>Planned: {c.plannedStart ? `${formatUtc(c.plannedStart)} – ${formatUtc(c.plannedEnd)}` : "not planned"}</p>
                <p>
                  Gate: {c.gate.done}/{c.gate.total}
                  {c.gate.missing.length ? <span className="text-amber-800 dark:text-amber-300"> (missing: {c.gate.missing.join(", ")})</span> : " ✓"}
                </p>
                <p className={c.conflicts.length ? "text-red-700 dark:text-red-400" : undefined}>Conflicts: {c.conflicts.join("; ") || "none"}</p>
                <p className={c.freezes.length ? "text-red-700 dark:text-red-400" : undefined}>Freezes: {c.freezes.join("; ") || "none"}</p>
              </div>
              <DecisionForm action={decideChangeAction} id={c.id} canOverride={can(actor.role, "changes.override_freeze")} gateMissing={c.gate.missing} conflicts={c.conflicts} />
            </Card>
          </li>
        ))}
        {!items.length ? <li className="text-sm text-slate-600">Nothing awaits your approval.</li> : null}
      </ul>
    </>
  );
}
