import { describe, expect, it } from "vitest";
import { POST as postRotation } from "../../app/api/v1/rotations/route";
import type { Actor } from "../../lib/auth/session";
import { alertsActor } from "../../lib/auth/system-actor";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { ValidationError } from "../../lib/errors";
import { getRotationBoard, listEngineers, loadRotations } from "../../lib/oncall/queries";
import { setUserActive } from "../../lib/users/commands";
import { createRotation, updateRotation } from "../../lib/oncall/rotations";
import { onCallAt } from "../../lib/oncall/schedule";
import { createUser, uid } from "../support/factories";

async function bearer(actor: Actor) {
  const { secret } = await createApiToken({ actor, input: { name: "t" } });
  return { authorization: `Bearer ${secret}`, "content-type": "application/json" };
}

describe("rotations for a team", () => {
  it("25 members in a Europe/Berlin weekly rotation over the API; reorder and remove keep the order given", async () => {
    const architect = await createUser("ARCHITECT");
    const people = await Promise.all(Array.from({ length: 25 }, () => createUser("NETWORK")));
    const res = await postRotation(
      new Request("http://localhost/api/v1/rotations", {
        method: "POST",
        headers: await bearer(architect),
        body: JSON.stringify({ name: `Big ${uid()}`, role: "NETWORK", shiftMinutes: 10080, handoffMinuteUtc: "09:00", timeZone: "Europe/Berlin", anchorAt: "2026-01-05", memberIds: people.map((p) => p.id) }),
      }),
    );
    expect(res.status).toBe(201);
    const rotation = (await res.json()) as { id: string; timeZone: string; members: { user: { id: string } }[] };
    expect(rotation.timeZone).toBe("Europe/Berlin");
    expect(rotation.members).toHaveLength(25);

    const [loaded] = await loadRotations(db, { ids: [rotation.id], from: new Date("2026-07-01"), to: new Date("2026-07-10") });
    // week 26 after 2026-01-05 09:00 CET starts 2026-07-06 09:00 CEST = 07:00Z: member 26 mod 25 = people[1]
    expect(onCallAt(loaded, [], new Date("2026-07-06T07:00:00Z"))).toMatchObject({ userId: people[1].id });

    const reordered = [people[24], ...people.slice(0, 24).filter((_, i) => i !== 3)].map((p) => p.id);
    const updated = await updateRotation({ actor: architect, input: { id: rotation.id, memberIds: reordered } });
    expect(updated.members.map((m) => m.user.id)).toEqual(reordered);
  });

  it("refuses an unknown time zone with the field name, and the alerts system user as a member; hides it from pickers", async () => {
    const architect = await createUser("ARCHITECT");
    const sre = await createUser("SRE");
    const name = `Bad ${uid()}`;
    await expect(createRotation({ actor: architect, input: { name, role: "SRE", timeZone: "Mars/Base", anchorAt: "2026-01-01", memberIds: [sre.id] } })).rejects.toMatchObject({
      fields: { timeZone: expect.any(String) },
    });
    const system = await alertsActor();
    await expect(createRotation({ actor: architect, input: { name, role: "AUTOMATION", anchorAt: "2026-01-01", memberIds: [system.id] } })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.rotation.count({ where: { name } })).toBe(0);
    expect((await listEngineers()).some((u) => u.id === system.id)).toBe(false);
  });

  it("a deactivated member's future shifts are flagged as gaps on the board", async () => {
    const architect = await createUser("ARCHITECT");
    const [a, b] = [await createUser("DBA"), await createUser("DBA")];
    const rotation = await createRotation({ actor: architect, input: { name: `Gap ${uid()}`, role: "DBA", anchorAt: "2026-12-01", memberIds: [a.id, b.id] } });
    const now = new Date("2026-12-02T10:00:00Z"); // shift 1 (b) runs 2026-12-02 09:00 → 12-03 09:00
    const before = (await getRotationBoard(now)).rotations.find((r) => r.id === rotation.id)!;
    expect(before.gaps).toEqual([]);
    await setUserActive({ actor: architect, input: { id: b.id, active: false } });
    const after = (await getRotationBoard(now)).rotations.find((r) => r.id === rotation.id)!;
    expect(after.gaps.length).toBeGreaterThan(0);
    expect(after.gaps[0]).toMatchObject({ start: "2026-12-02T09:00:00.000Z", end: "2026-12-03T09:00:00.000Z", reason: "deactivated user" });
    expect(after.gaps.every((g) => new Date(g.end) > now)).toBe(true);
  });
});
