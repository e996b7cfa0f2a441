"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { FormStatus } from "@/components/ui/field";
import type { Action } from "@/lib/actions/define-action";
import type { HandoffContent } from "@/lib/oncall/handoff";

const short = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export type PacketView = {
  id: string;
  rotation: { id: string; name: string };
  handoffAt: string;
  nextHandoffAt: string;
  incoming: { id: string; name: string };
  outgoing: { id: string; name: string } | null;
  content: HandoffContent;
  acknowledgedAt: string | null;
  reminderSentAt: string | null;
};

function Section({ title, empty, items }: { title: string; empty: string; items: string[] }) {
  return (
    <div>
      <h4 className="text-sm font-medium">
        {title} ({items.length})
      </h4>
      {items.length ? (
        <ul className="ml-4 list-disc text-sm">
          {items.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{empty}</p>
      )}
    </div>
  );
}

/** One handoff packet; the incoming on-call acknowledges it with one click. */
export function HandoffPacket<T>({ packet, canAcknowledge, action }: { packet: PacketView; canAcknowledge: boolean; action: Action<T> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const c = packet.content;
  return (
    <div className="space-y-3" role="region" aria-label={`Handoff packet ${packet.rotation.name}`}>
      <p className="text-sm">
        <strong>{packet.rotation.name}</strong>: {packet.outgoing?.name ?? "nobody"} → <strong>{packet.incoming.name}</strong> at {short(packet.handoffAt)}, until {short(packet.nextHandoffAt)}{" "}
        {packet.acknowledgedAt ? <Badge tone="green">acknowledged {short(packet.acknowledgedAt)}</Badge> : <Badge tone="amber">not acknowledged</Badge>}
        {packet.reminderSentAt && !packet.acknowledgedAt ? <span className="ml-2 text-xs text-red-700 dark:text-red-400">outgoing on-call notified {short(packet.reminderSentAt)}</span> : null}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <Section title="Open incidents" empty="None" items={c.openIncidents.map((i) => `INC-${i.number} ${i.severity} ${i.title} (${i.status})${i.lastUpdate ? ` — last update ${short(i.lastUpdate.at)}: ${i.lastUpdate.message}` : ""}`)} />
        <Section title="Changes in progress" empty="None" items={c.changesInFlight.map((ch) => `CR-${ch.number} ${ch.description.slice(0, 120)}`)} />
        <Section title="Changes scheduled this shift" empty="None" items={c.changesNextShift.map((ch) => `CR-${ch.number} ${ch.description.slice(0, 120)} (${ch.status}, starts ${ch.plannedStart ? short(ch.plannedStart) : "?"})`)} />
        <Section
          title="Maintenance"
          empty="None active or upcoming"
          items={[...c.maintenanceActive.map((w) => `MW-${w.number} ${w.title}: active until ${short(w.windowEnd)}`), ...c.maintenanceUpcoming.map((w) => `MW-${w.number} ${w.title}: starts ${short(w.windowStart)}`)]}
        />
        <Section title="Pages of the last shift" empty="No pages" items={c.pagesLastShift.map((p) => `${short(p.at)} level ${p.level} (${p.role}) → ${p.userName ?? "nobody"}: ${p.incidentTitle}`)} />
      </div>
      {canAcknowledge && !packet.acknowledgedAt ? (
        <form action={formAction}>
          <input type="hidden" name="id" value={packet.id} />
          <Button type="submit" disabled={pending}>
            {pending ? "Acknowledging…" : "Acknowledge handoff"}
          </Button>
          <FormStatus state={state} error={state && !state.ok ? state.error : null} />
        </form>
      ) : null}
    </div>
  );
}
