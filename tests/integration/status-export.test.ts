import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { exportPath, exportStatusSite } from "../../lib/status/export";
import { V2_NAMES } from "../../lib/status/statuspage-v2";
import { createComponent, createUser, uid } from "../support/factories";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("static export of the status site", () => {
  it("maps URL paths to static-host files", () => {
    expect(exportPath("/status")).toBe("status/index.html");
    expect(exportPath("/status/history/page/3")).toBe("status/history/page/3/index.html");
    expect(exportPath("/api/v2/incidents/unresolved.json")).toBe("api/v2/incidents/unresolved.json");
    expect(exportPath("/status/feed.atom")).toBe("status/feed.atom");
  });

  it("writes every public response, with published data only", async () => {
    const m = `EXPLEAK${uid()}`;
    const responder = await createUser("SRE", { name: `Responder ${m}name`, email: `${m.toLowerCase()}@example.test` });
    const pub = await createComponent("NETWORK", { name: `Export edge ${uid()}`, group: "Network" });
    const hidden = await createComponent("NETWORK", { name: `Hidden ${m}comp`, public: false });
    // The database is shared with other test files: make this incident the newest one, so it is on
    // history page 1 and among the feed's recent entries whatever else exists; export "now" 20 min later.
    const latest = (await db.incident.aggregate({ _max: { declaredAt: true } }))._max.declaredAt;
    const declaredAt = new Date(Math.max(Date.now(), latest?.getTime() ?? 0) + 3_600_000);
    const now = new Date(declaredAt.getTime() + 20 * 60_000);
    const title = `Export incident ${uid()}`;
    const incident = await db.incident.create({
      data: {
        title,
        severity: "P2",
        status: "Identified",
        impact: `Internal impact ${m}impact`,
        currentAction: `Internal action ${m}action`,
        commanderId: responder.id,
        declaredById: responder.id,
        declaredAt,
        lastUpdateAt: now,
        components: { create: [{ componentId: pub.id }, { componentId: hidden.id }] },
      },
    });
    const publicMessage = `Exported public update ${uid()}`;
    await db.incidentUpdate.create({ data: { incidentId: incident.id, authorId: responder.id, status: "Investigating", message: publicMessage, public: true, createdAt: new Date(declaredAt.getTime() + 60_000) } });
    await db.incidentUpdate.create({ data: { incidentId: incident.id, authorId: responder.id, status: "Identified", message: `Internal note ${m}internal`, public: false, createdAt: new Date(declaredAt.getTime() + 120_000) } });
    const secret = await db.incident.create({
      data: { title: `Secret ${m}title`, severity: "P1", impact: "x", currentAction: "x", declaredById: responder.id, declaredAt, lastUpdateAt: now, components: { create: [{ componentId: pub.id }] } },
    });
    await db.incidentUpdate.create({ data: { incidentId: secret.id, authorId: responder.id, status: "Investigating", message: `Only internal ${m}only`, public: false } });
    const windowStart = new Date(now.getTime() + 86_400_000);
    await db.maintenanceWindow.create({
      data: { title: `Draft window ${m}draft`, windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000), type: "Upgrade", impact: "x", rollback: "Available", contact: `${m}contact`, createdById: responder.id },
    });

    const dir = await mkdtemp(path.join(os.tmpdir(), "opsgate-status-export-"));
    dirs.push(dir);
    const result = await exportStatusSite(dir, now);
    const files = await allFiles(dir);
    expect(new Set(files)).toEqual(new Set(result.files));

    // every public response has its file
    for (const f of ["status/index.html", "status/history/index.html", "status/feed.atom", "status/maintenance.ics", "status/badge.svg", "404.html", ...V2_NAMES.map((n) => `api/v2/${n}`)]) {
      expect(files, f).toContain(f);
    }
    expect(files).toContain(`status/incidents/${incident.id}/index.html`);
    expect(files).toContain(`status/badges/${pub.id}.svg`);
    expect(files).not.toContain(`status/incidents/${secret.id}/index.html`);
    expect(files).not.toContain(`status/badges/${hidden.id}.svg`);
    expect(result.incidents).toBeGreaterThanOrEqual(1);

    // published data is there…
    const read = (f: string) => readFile(path.join(dir, f), "utf8");
    expect(await read("status/index.html")).toContain(publicMessage);
    expect(await read(`status/incidents/${incident.id}/index.html`)).toContain(publicMessage);
    expect(await read("status/history/index.html")).toContain(title);
    const summary = JSON.parse(await read("api/v2/summary.json")) as { incidents: { id: string; incident_updates: { body: string }[] }[] };
    expect(summary.incidents.find((i) => i.id === incident.id)?.incident_updates.map((u) => u.body)).toEqual([publicMessage]);
    expect(await read("status/feed.atom")).toContain(title);

    // …and nothing internal is anywhere in the export
    const markers = [m, m.toLowerCase(), responder.email, responder.name, hidden.id, secret.id];
    for (const f of files) {
      const body = await read(f);
      for (const marker of markers) expect(body.includes(marker), `${marker} leaked in ${f}`).toBe(false);
    }
  });
});
