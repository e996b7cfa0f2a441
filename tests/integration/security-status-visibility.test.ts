import { describe, expect, it } from "vitest";
import { ROLES } from "../../lib/auth/permissions";
import { db } from "../../lib/db/client";
import { renderPublicPath } from "../../lib/status/public-routes";
import { sendSubscriberNotices } from "../../lib/status/subscribers/send-subscriber-notices";
import { createComponent, createUser, uid } from "../support/factories";

/* Issue 11, hole 12: incidents and maintenance that touch only non-public components never reach the public side. */

const paths = ["/status", "/status/history/page/1", "/status/feed.atom", "/status/maintenance.ics", "/api/v2/summary.json", "/api/v2/incidents.json", "/api/v2/scheduled-maintenances.json"];

async function everythingPublic(now: Date) {
  const out: string[] = [];
  for (const p of paths) out.push((await renderPublicPath(p, new URLSearchParams(), now)).body.toString());
  return out.join("\n");
}

describe("non-public components stay internal", () => {
  it("an incident and a window on internal components only are nowhere public; one that also touches a public component is", async () => {
    const u = await createUser(ROLES[0]);
    const internal = await createComponent(ROLES[0], { public: false });
    const visible = await createComponent(ROLES[0]);
    const now = new Date();
    const mk = (title: string, componentIds: string[]) =>
      db.incident.create({
        data: {
          title,
          severity: "P2",
          impact: "x",
          currentAction: "x",
          declaredById: u.id,
          declaredAt: now,
          lastUpdateAt: now,
          components: { create: componentIds.map((componentId) => ({ componentId })) },
          updates: { create: [{ authorId: u.id, status: "Investigating", message: `${title} update`, public: true, createdAt: now }] },
        },
      });
    const hidden = await mk(`Internal-only ${uid()}`, [internal.id]);
    const mixed = await mk(`Mixed ${uid()}`, [internal.id, visible.id]);
    const hiddenWindow = await db.maintenanceWindow.create({
      data: { title: `Internal window ${uid()}`, windowStart: new Date(now.getTime() + 3_600_000), windowEnd: new Date(now.getTime() + 7_200_000), type: "Upgrade", impact: "x", rollback: "Available", contact: "x", notifiedAt: now, createdById: u.id, components: { create: [{ componentId: internal.id }] } },
    });

    const all = await everythingPublic(new Date(now.getTime() + 1000));
    expect(all).not.toContain(hidden.title);
    expect(all).not.toContain(hiddenWindow.title);
    expect(all).toContain(mixed.title);
    expect((await renderPublicPath(`/status/incidents/${hidden.id}`, new URLSearchParams())).status).toBe(404);
    expect((await renderPublicPath(`/status/incidents/${mixed.id}`, new URLSearchParams())).status).toBe(200);

    // nor are subscribers told about them
    const sub = await db.statusSubscriber.create({ data: { kind: "webhook", target: `http://127.0.0.1:9/${uid()}`, unsubscribeToken: uid(), confirmedAt: new Date(now.getTime() - 60_000) } });
    await sendSubscriberNotices(new Date(now.getTime() + 2000));
    const sent = await db.outboxMessage.findMany({ where: { target: sub.target } });
    const text = JSON.stringify(sent.map((m) => m.payload));
    expect(text).not.toContain(hidden.title);
    expect(text).not.toContain(hiddenWindow.title);
    expect(text).toContain(mixed.title);
  });
});
