import { describe, expect, it } from "vitest";
import { POST as changeEnqueue } from "../../app/api/alerts/pagerduty/v2/change/enqueue/route";
import { createIntegration } from "../../lib/alerts/integrations";
import { db } from "../../lib/db/client";
import { listSuspectChanges } from "../../lib/incidents/queries";
import { createComponent, createUser, uid } from "../support/factories";
import { changeIn } from "./changes-helpers";

const post = (body: unknown) => changeEnqueue(new Request("http://t/api/alerts/pagerduty/v2/change/enqueue", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe("PagerDuty Change Events", () => {
  it("records a deploy linked to the named change (a suspect change on incidents), or to the component named by source; bad key 404, bad payload 400", async () => {
    const [component, fallback] = await Promise.all([createComponent("NETWORK", { name: `Edge ${uid()}` }), createComponent("NETWORK")]);
    const [architect, requester] = await Promise.all([createUser("ARCHITECT"), createUser("AUTOMATION")]);
    const { key } = await createIntegration({ actor: architect, input: { name: `PD ${uid()}`, kind: "pagerduty", defaultComponentIds: [fallback.id] } });
    const change = await changeIn("Approved", requester, component.id);
    expect((await post({ routing_key: "ogi_nope", payload: { summary: "x" } })).status).toBe(404);
    const bad = await post({ routing_key: key, payload: { summary: "" } });
    expect(bad.status).toBe(400);
    expect(await db.deployRecord.count({ where: { componentId: component.id } })).toBe(0);
    const now = new Date();
    const ok = await post({ routing_key: key, payload: { summary: "Deployed edge v2", source: "ci", timestamp: now.toISOString(), custom_details: { change_number: `CR-${change.number}` } }, links: [{ href: "https://ci.example.com/run/9", text: "run" }] });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ status: "success" });
    expect(await db.deployRecord.findFirstOrThrow({ where: { changeId: change.id } })).toMatchObject({ source: "pagerduty", event: "change", summary: "Deployed edge v2", componentId: component.id, pipelineUrl: "https://ci.example.com/run/9" });
    expect((await listSuspectChanges([component.id], new Date(now.getTime() + 1000))).map((c) => c.id)).toContain(change.id);
    expect((await post({ routing_key: key, payload: { summary: "Config push", source: component.name } })).status).toBe(202);
    expect(await db.deployRecord.count({ where: { componentId: component.id, changeId: null, source: "pagerduty" } })).toBe(1);
    expect((await post({ routing_key: key, payload: { summary: "Something" } })).status).toBe(202);
    expect(await db.deployRecord.count({ where: { componentId: fallback.id, source: "pagerduty" } })).toBe(1);
  });
});
