import { describe, expect, it } from "vitest";
import { POST as ACK } from "../../app/api/v1/incidents/[id]/acknowledge/route";
import { ROLES } from "../../lib/auth/permissions";
import { sessionActor } from "../../lib/auth/session";
import { endSessions } from "../../lib/auth/session-version";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { auditCount, createComponent, createUser } from "../support/factories";

/* Issue 11, holes 9 (sign-out ends the session) and 11 (idempotent acknowledge, also concurrently). */

const [TOP, SECOND] = ROLES;

describe("session versions", () => {
  it("a session issued before sign-out, a role change, a password change or deactivation no longer authenticates", async () => {
    const u = await createUser(SECOND);
    const sv = () => db.user.findUniqueOrThrow({ where: { id: u.id } }).then((r) => r.sessionVersion);

    let issued = await sv();
    expect(await sessionActor(u.id, issued)).toMatchObject({ id: u.id });
    await db.user.update({ where: { id: u.id }, data: { name: "Renamed" } }); // nothing security-relevant: still valid
    expect(await sessionActor(u.id, issued)).toMatchObject({ id: u.id, name: "Renamed" });

    await endSessions(u.id); // what next-auth's signOut event does
    expect(await sessionActor(u.id, issued)).toBeNull();

    issued = await sv(); // signed in again
    expect(await sessionActor(u.id, issued)).not.toBeNull();
    await db.user.update({ where: { id: u.id }, data: { role: TOP } });
    expect(await sessionActor(u.id, issued)).toBeNull();

    issued = await sv();
    await db.user.update({ where: { id: u.id }, data: { passwordHash: "changed" } });
    expect(await sessionActor(u.id, issued)).toBeNull();

    issued = await sv();
    await db.$executeRaw`UPDATE "User" SET active = false WHERE id = ${u.id}`; // even plain SQL: the trigger bumps it
    await db.$executeRaw`UPDATE "User" SET active = true WHERE id = ${u.id}`;
    expect(await sessionActor(u.id, issued)).toBeNull();
    expect(await sessionActor(u.id, await sv())).not.toBeNull();
  });
});

describe("acknowledge is idempotent", () => {
  it("20 concurrent acknowledgements: all 200, one winner recorded, one audit row, every answer names the first acknowledger", async () => {
    const commander = await createUser(TOP);
    const comp = await createComponent(TOP);
    const inc = await declareIncident({ actor: commander, input: { title: "Concurrent ack", severity: "P2", impact: "x", componentIds: [comp.id], currentAction: "y" } });
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(TOP)));
    const tokens = await Promise.all(users.map(async (actor) => (await createApiToken({ actor, input: { name: "t" } })).secret));
    const results = await Promise.all(
      tokens.map(async (t) => {
        const res = await ACK(new Request(`http://t/api/v1/incidents/${inc.id}/acknowledge`, { method: "POST", headers: { authorization: `Bearer ${t}` } }), { params: Promise.resolve({ id: inc.id }) });
        return { status: res.status, body: (await res.json()) as { acknowledgedById?: string; acknowledgedBy?: { id: string } } };
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const row = await db.incident.findUniqueOrThrow({ where: { id: inc.id } });
    expect(users.map((u) => u.id)).toContain(row.acknowledgedById);
    for (const r of results) expect(JSON.stringify(r.body)).toContain(row.acknowledgedById!);
    expect(await auditCount("Incident", inc.id, "incident.acknowledged")).toBe(1);
    // and a later one is the same 200
    const late = await ACK(new Request(`http://t/api/v1/incidents/${inc.id}/acknowledge`, { method: "POST", headers: { authorization: `Bearer ${tokens[0]}` } }), { params: Promise.resolve({ id: inc.id }) });
    expect(late.status).toBe(200);
    expect(JSON.stringify(await late.json())).toContain(row.acknowledgedById!);
  });
});
