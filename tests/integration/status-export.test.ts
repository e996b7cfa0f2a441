import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { declareIncident } from "../../lib/incidents/declare-incident";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update";
import { createMaintenance } from "../../lib/maintenance/create-maintenance";
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
    const declaredAt = new Date("2031-05-04T10:00:00Z");
    const now = new Date(declaredAt.getTime() + 20 * 60_000);
    const title = `Export incident ${uid()}`;
    const incident = await declareIncident({
      actor: responder,
      input: { title, severity: "P2", impact: `Internal impact ${m}impact`, currentAction: `Internal action ${m}action`, componentIds: [pub.id, hidden.id], commanderId: responder.id, message: `Declared ${m}declared`, public: false },
      now: declaredAt,
    });
    const publicMessage = `Exported public update ${uid()}`;
    await postIncidentUpdate({ actor: responder, id: incident.id, input: { message: publicMessage, public: true }, now: new Date(declaredAt.getTime() + 60_000) });
    await postIncidentUpdate({ actor: responder, id: incident.id, input: { status: "Identified", message: `Internal note ${m}internal`, public: false }, now: new Date(declaredAt.getTime() + 120_000) });
    const secret = await declareIncident({
      actor: responder,
      input: { title: `Secret ${m}title`, severity: "P1", impact: "x", currentAction: "x", componentIds: [pub.id], message: `Only internal ${m}only`, public: false },
      now: declaredAt,
    });
    const windowStart = new Date(now.getTime() + 86_400_000);
    await createMaintenance({
      actor: responder,
      input: { title: `Draft window ${m}draft`, windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000), componentIds: [pub.id], type: "Upgrade", impact: "Resets", rollback: "Available", contact: `${m}contact` },
      now,
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
