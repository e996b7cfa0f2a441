import { describe, expect, it } from "vitest";
import { createIntegration } from "../../lib/alerts/integrations";
import { ingestAlerts } from "../../lib/alerts/ingest-alerts";
import { mapGeneric, genericSchema } from "../../lib/alerts/payloads";
import { db } from "../../lib/db/client";
import { defaultPolicy } from "../../lib/oncall/policy";
import { nextEscalationDueAt, tickEscalations } from "../../lib/oncall/tick-escalations";
import { createComponent, createUser, uid } from "../support/factories";

const policy = defaultPolicy([15 * 60_000, 30 * 60_000, 60 * 60_000]);

describe("page latency: the ticker wakes at the next due instant", () => {
  it("next due = the earliest unpaged level's threshold; paging it moves it to the next level; ack clears it", async () => {
    const architect = await createUser("ARCHITECT");
    const component = await createComponent();
    const created = await createIntegration({ actor: architect, input: { name: `lat ${uid()}`, kind: "generic", defaultComponentIds: [component.id] } });
    const integration = { ...created, severityMap: {}, createdById: architect.id };
    const t0 = new Date(Date.now() - 1000);
    const res = await ingestAlerts({ integration, delivery: mapGeneric(genericSchema.parse({ title: "x", status: "firing", dedupKey: `d-${uid()}` }), t0), now: t0 });
    expect(res.opened).toBe(true);
    // level 1 paged on declaration, so level 2 is next
    expect((await nextEscalationDueAt(t0, policy))?.getTime()).toBe(t0.getTime() + 15 * 60_000);
    const at2 = new Date(t0.getTime() + 15 * 60_000);
    const tick = await tickEscalations(at2, { policy, scope: [res.incidentId!] });
    expect(tick.paged.map((p) => p.level)).toEqual([2]);
    expect((await nextEscalationDueAt(at2, policy))?.getTime()).toBe(t0.getTime() + 30 * 60_000);
    await db.incident.update({ where: { id: res.incidentId! }, data: { acknowledgedAt: at2 } });
    expect(await nextEscalationDueAt(at2, policy)).toBeNull();
  });
});
