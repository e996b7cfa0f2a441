import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/layout/not-allowed";
import { PolicyForm } from "@/components/oncall/policy-form";
import { Card, PageHeader } from "@/components/ui/card";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { getEscalationPolicy } from "@/lib/oncall/escalation-policy";
import type { Ladder, PolicyTarget } from "@/lib/oncall/policy";
import { listEngineers } from "@/lib/oncall/queries";
import { formatUtc } from "@/lib/utils";
import { saveEscalationPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Escalation policy" };
export const dynamic = "force-dynamic";

function targetText(t: PolicyTarget, names: Map<string, string>) {
  if (t.kind === "role") return `${ROLE_LABELS[t.role]} on call`;
  if (t.kind === "component_owner") return "On-call of each affected component's owner role";
  const who = [...t.userIds.map((id) => names.get(id) ?? id), ...t.emails];
  return who.length ? who.join(", ") : "Nobody named yet (skipped)";
}

function LadderTable({ title, ladder, names }: { title: string; ladder: Ladder; names: Map<string, string> }) {
  return (
    <Card className="overflow-x-auto">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-4">Level</th>
            <th scope="col" className="py-1 pr-4">Name</th>
            <th scope="col" className="py-1 pr-4">From</th>
            <th scope="col" className="py-1 pr-4">Who is paged</th>
            <th scope="col" className="py-1">Severities</th>
          </tr>
        </thead>
        <tbody>
          {ladder.levels.map((l, i) => (
            <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 pr-4">{i + 1}</td>
              <td className="py-1 pr-4">{l.label}</td>
              <td className="py-1 pr-4">+{l.delayMinutes} min</td>
              <td className="py-1 pr-4">{targetText(l.target, names)}</td>
              <td className="py-1">{l.severities.length ? l.severities.join(", ") : "all"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">{ladder.repeat ? `Repeated ${ladder.repeat}× while unacknowledged, each pass ${ladder.repeatAfterMinutes} min after the last level.` : "Not repeated."}</p>
    </Card>
  );
}

/** On-call → Escalation policy: everyone may read it; ARCHITECT (escalation.manage) edits it. */
export default async function EscalationPolicyPage() {
  const actor = await requireActor();
  if (!can(actor.role, "oncall.serve") && !can(actor.role, "escalation.manage")) return <NotAllowed title="Escalation policy">Your role ({actor.role}) is not on call.</NotAllowed>;
  const [view, people] = await Promise.all([getEscalationPolicy(), listEngineers()]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const editable = can(actor.role, "escalation.manage");
  const p = view.policy;
  return (
    <>
      <PageHeader
        title="Escalation policy"
        description={view.isDefault ? "The seed's ladder (delays from OPSGATE_ESCALATION_STEPS) until an Infrastructure Architect saves a policy." : `Version ${view.version}, saved ${view.updatedAt ? formatUtc(view.updatedAt) : ""}${view.updatedBy ? ` by ${view.updatedBy.name}` : ""}.`}
        actions={
          <Link href="/oncall" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            On-call
          </Link>
        }
      />
      <div className="space-y-6">
        <LadderTable title="Default ladder" ladder={p.ladder} names={names} />
        {Object.entries(p.severityOverrides).map(([s, l]) => (l ? <LadderTable key={s} title={`${s} override`} ladder={l} names={names} /> : null))}
        {p.groupOverrides.map((g) => (
          <LadderTable key={g.group} title={`Component group “${g.group}” override`} ladder={g.ladder} names={names} />
        ))}
        {editable ? (
          <Card>
            <h2 className="mb-1 text-lg font-semibold">Edit</h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              Level numbers are positions (add new levels at the end to keep numbers stable). Changing the policy never pages a level that was already paged. People you can name:{" "}
              {people.map((u) => `${u.name} = ${u.id}`).join(" · ")}
            </p>
            <PolicyForm action={saveEscalationPolicyAction} document={JSON.stringify(p, null, 2)} version={view.version} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
