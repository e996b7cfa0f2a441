import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { approveChange } from "../../lib/changes/approve-change";
import { createChange } from "../../lib/changes/create-change";
import { transitionChange } from "../../lib/changes/transition-change";
import { updateComponent } from "../../lib/components/update-component";
import { db } from "../../lib/db/client";
import { acknowledgeIncident } from "../../lib/incidents/acknowledge-incident";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { createComponent, createUser, uid } from "../support/factories";
import { fullInput, linkWindow } from "./changes-helpers";

export const at = (s: string) => new Date(s);
export const MIN = 60_000;

/**
 * A known history in one component group (so other test files' data never
 * counts), period 2026-06-01 … 06-11 (10 days = 14,400 min per component):
 *  A: INC1 P1 06-02 10:00–11:00 (ack +10); INC2 P2 10:30–12:30 (ack +20), degraded from 12:00.
 *     → major 10:00–11:00 (60) + partial 11:00–12:00 (60 × 0.3 = 18) = 78 min down.
 *  B: INC3 P1 05-31 23:00 – 06-01 01:00 (declared in the previous period: 60 min inside this one),
 *     INC4 P1 06-05 00:00–01:00 (alert 23:56, ack +5) with maintenance 00:30–01:30 → 30 min down, 60 min maintenance.
 *  MTTA [10, 20, 5] → mean 11.67, median 10, p90 18; MTTR [60, 120, 60] → mean 80, median 60, p90 108.
 *  Changes on A: 2 Completed, 1 Failed → 66.67 %. Costs: June 2025 1000.00, June 2026 850.00 → −15 %.
 */
export async function history() {
  const group = `KPI ${uid()}`;
  const a = await createComponent("NETWORK", { group, name: `KPI A ${uid()}` });
  const b = await createComponent("NETWORK", { group, name: `KPI B ${uid()}` });
  await db.component.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { createdAt: at("2026-01-01T00:00:00Z") } });
  const [sre, owner, requester, architect, viewer] = await Promise.all([createUser("SRE"), createUser("NETWORK"), createUser("AUTOMATION"), createUser("ARCHITECT"), createUser("VIEWER")]);

  const incident = async (componentId: string, severity: string, declared: string, ackMin: number, resolved: string, extra: Record<string, unknown> = {}) => {
    const now = at(declared);
    const i = await declareIncident({ actor: sre, now, input: { title: `KPI ${uid()}`, severity, impact: "x", currentAction: "y", componentIds: [componentId], ...extra } });
    await acknowledgeIncident({ actor: sre, id: i.id, now: new Date(now.getTime() + ackMin * MIN) });
    return { id: i.id, resolve: () => resolveIncident({ actor: sre, id: i.id, now: at(resolved), input: { resolution: "Fixed and documented" } }) };
  };
  const i1 = await incident(a.id, "P1", "2026-06-02T10:00:00Z", 10, "2026-06-02T11:00:00Z");
  const i2 = await incident(a.id, "P2", "2026-06-02T10:30:00Z", 20, "2026-06-02T12:30:00Z");
  await i1.resolve();
  await postIncidentUpdate({ actor: sre, id: i2.id, now: at("2026-06-02T12:00:00Z"), input: { message: "Mostly back", componentStatus: "degraded_performance" } });
  await i2.resolve();
  const i3 = await incident(b.id, "P1", "2026-05-31T23:00:00Z", 5, "2026-06-01T01:00:00Z");
  await i3.resolve();
  const i4 = await incident(b.id, "P1", "2026-06-05T00:00:00Z", 5, "2026-06-05T01:00:00Z", { alertStartedAt: "2026-06-04T23:56:00Z" });
  await i4.resolve();
  await db.maintenanceWindow.create({
    data: {
      title: `KPI window ${uid()}`,
      windowStart: at("2026-06-05T00:30:00Z"),
      windowEnd: at("2026-06-05T01:30:00Z"),
      type: "Patching",
      impact: "Reboots",
      rollback: "Available",
      contact: "SRE on-call",
      createdById: architect.id,
      components: { create: [{ componentId: b.id }] },
    },
  });

  for (const outcome of ["Completed", "Completed", "Failed"] as const) {
    const now = at("2026-06-03T08:00:00Z");
    const c = await createChange({ actor: requester, now, input: fullInput(a.id, { submit: true }) });
    await linkWindow(c.id, a.id, requester);
    await approveChange({ actor: owner, now, input: { id: c.id } });
    await transitionChange({ actor: requester, now, input: { id: c.id, to: "Scheduled" } });
    await transitionChange({ actor: requester, now, input: { id: c.id, to: "In progress" } });
    await transitionChange({ actor: requester, now: at("2026-06-04T09:00:00Z"), input: { id: c.id, to: outcome } });
  }
  await updateComponent({ actor: architect, id: a.id, input: { iacManaged: true, iacRepository: "https://git.example.com/infra/a" } });

  const token = async (actor: Actor) => (await createApiToken({ actor, input: { name: "kpi" } })).secret;
  return { group, a, b, sre, requester, architect, viewer, ids: { i1: i1.id, i2: i2.id, i3: i3.id, i4: i4.id }, tokens: { viewer: await token(viewer), architect: await token(architect), requester: await token(requester) } };
}

