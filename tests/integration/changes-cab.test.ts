import { describe, expect, it } from "vitest";
import { GET as agendaRoute } from "../../app/api/v1/changes/cab/agenda/route";
import { GET as cabRoute } from "../../app/api/v1/changes/cab/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { createChange } from "../../lib/changes/create-change";
import { createComponent, createUser } from "../support/factories";
import { fullInput, linkWindow } from "./changes-helpers";

async function get(handler: (req: Request) => Promise<Response>, actor: Actor | null, query = "") {
  const headers: Record<string, string> = actor ? { authorization: `Bearer ${(await createApiToken({ actor, input: { name: "t" } })).secret}` } : {};
  const res = await handler(new Request(`http://t/api/v1/changes/cab${query}`, { headers }));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("CAB queue and agenda", () => {
  it("lists changes awaiting the caller's approval by planned start, with gate state; exports Markdown and CSV", async () => {
    const component = await createComponent("NETWORK");
    const [requester, owner, dba] = await Promise.all([createUser("AUTOMATION"), createUser("NETWORK"), createUser("DBA")]);
    const later = await createChange({ actor: requester, input: fullInput(component.id, { submit: true, plannedStart: "2031-03-02T01:00:00Z", plannedEnd: "2031-03-02T02:00:00Z" }) });
    const sooner = await createChange({ actor: requester, input: fullInput(component.id, { submit: true, plannedStart: "2031-03-01T01:00:00Z", plannedEnd: "2031-03-01T02:00:00Z" }) });
    await linkWindow(sooner.id, component.id, requester);
    expect((await get(cabRoute, null)).status).toBe(401);
    const queue = JSON.parse((await get(cabRoute, owner)).text) as { items: { id: string; gate: { done: number; total: number; missing: string[] } }[] };
    const mine = queue.items.filter((i) => i.id === sooner.id || i.id === later.id);
    expect(mine.map((i) => i.id)).toEqual([sooner.id, later.id]);
    expect(mine[0].gate).toEqual({ done: 6, total: 6, missing: [] });
    expect(mine[1].gate.missing).toContain("Maintenance window scheduled");
    expect(JSON.parse((await get(cabRoute, dba)).text).items.map((i: { id: string }) => i.id)).not.toContain(sooner.id);
    const md = await get(agendaRoute, owner, "/agenda");
    expect(md).toMatchObject({ status: 200, type: expect.stringMatching(/text\/markdown/) });
    expect(md.text).toContain(`| CR-${sooner.number} |`);
    const csv = await get(agendaRoute, owner, "/agenda?format=csv");
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text.split("\r\n")[0]).toMatch(/^number,description/);
    expect((await get(agendaRoute, owner, "/agenda?format=pdf")).status).toBe(400);
  });
});
