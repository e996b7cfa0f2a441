import { Ajv2020, type ErrorObject } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import * as changeOne from "../../app/api/v1/changes/[id]/route";
import * as changes from "../../app/api/v1/changes/route";
import * as componentOne from "../../app/api/v1/components/[id]/route";
import * as components from "../../app/api/v1/components/route";
import * as incidentOne from "../../app/api/v1/incidents/[id]/route";
import * as incidentsLive from "../../app/api/v1/incidents/live/route";
import * as incidents from "../../app/api/v1/incidents/route";
import * as auditList from "../../app/api/v1/audit/route";
import * as maintenanceCancel from "../../app/api/v1/maintenance/[id]/cancel/route";
import * as maintenanceOne from "../../app/api/v1/maintenance/[id]/route";
import * as maintenance from "../../app/api/v1/maintenance/route";
import * as notifications from "../../app/api/v1/notifications/route";
import * as oncallNow from "../../app/api/v1/oncall/now/route";
import * as oncallPreview from "../../app/api/v1/oncall/preview/route";
import { GET as openapi } from "../../app/api/v1/openapi.json/route";
import * as overrides from "../../app/api/v1/overrides/route";
import * as postmortemOne from "../../app/api/v1/postmortems/[id]/route";
import * as postmortems from "../../app/api/v1/postmortems/route";
import * as incidentResolve from "../../app/api/v1/incidents/[id]/resolve/route";
import * as rotationOne from "../../app/api/v1/rotations/[id]/route";
import * as rotations from "../../app/api/v1/rotations/route";
import * as swaps from "../../app/api/v1/swaps/route";
import * as handoffs from "../../app/api/v1/handoffs/route";
import { createApiToken } from "../../lib/auth/tokens";
import { createRotation } from "../../lib/oncall/rotations";
import { createComponent, createUser, uid } from "../support/factories";
import { fullInput } from "./changes-helpers";

/*
 * Issue 16, "documented = returned": real responses of every documented read
 * (and the creations) validate against the served document with every object
 * closed (additionalProperties: false). A field a handler returns but the
 * document does not list fails here, naming the field and the schema.
 */

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json"?: { schema: unknown } } }> }>>; components: { schemas: Record<string, unknown> } };
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Inlines `$ref`s (titled with the component name, so a failure names it),
 * merges `allOf` of object schemas (an extended schema is one object), and
 * closes every object schema that lists properties.
 */
function closed(schema: unknown, components: Record<string, unknown>, seen: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, components, seen));
  if (!schema || typeof schema !== "object") return schema;
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace("#/components/schemas/", "");
    if (seen.includes(name)) return {};
    const target = closed(components[name], components, [...seen, name]) as Record<string, unknown>;
    return { title: name, ...target };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s, components, seen)])) : closed(v, components, seen);
  if (Array.isArray(out.allOf) && (out.allOf as Record<string, unknown>[]).every((b) => b.type === "object" || b.properties)) {
    const branches = out.allOf as Record<string, unknown>[];
    delete out.allOf;
    out.type = "object";
    out.title = out.title ?? branches.map((b) => b.title).filter(Boolean).join("+");
    out.properties = Object.assign({}, ...branches.map((b) => b.properties ?? {}), out.properties ?? {});
    out.required = [...new Set(branches.flatMap((b) => (b.required as string[] | undefined) ?? []).concat((out.required as string[] | undefined) ?? []))];
    out.additionalProperties = false;
  }
  if (out.properties) out.additionalProperties = false;
  return out;
}

function describeErrors(op: string, errors: ErrorObject[]): string[] {
  return errors.map((e) => {
    const schema = (e.parentSchema as { title?: string } | undefined)?.title || `${op} response (inline)`;
    if (e.keyword === "additionalProperties") return `${op}: field "${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}" is returned but not documented in schema ${schema}`;
    return `${op}: ${e.instancePath || "/"} ${e.message} (schema ${schema}, ${e.schemaPath})`;
  });
}

describe("OpenAPI: documented = returned", () => {
  let doc: Doc;
  let ajv: Ajv2020;
  let token = "";
  const ids: Record<string, string> = {};
  const problems: string[] = [];

  async function call(handler: Handler | undefined, method: string, path: string, opts: { params?: Record<string, string>; body?: unknown; query?: string } = {}) {
    expect(handler, `${method} ${path} has a handler`).toBeTypeOf("function");
    const url = `http://t/api/v1${path.replace(/\{(\w+)\}/g, (_, k: string) => opts.params![k]!)}${opts.query ?? ""}`;
    const req = new Request(url, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const res = await handler!(req, { params: Promise.resolve(opts.params ?? {}) });
    const body = (await res.json()) as Record<string, unknown>;
    const op = `${method} ${path} ${res.status}`;
    const documented = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.status)]?.content?.["application/json"]?.schema;
    if (!documented) {
      problems.push(`${op}: status ${res.status} with no documented JSON schema (${JSON.stringify(body).slice(0, 200)})`);
      return body;
    }
    const validate = ajv.compile(closed(documented, doc.components.schemas) as object);
    if (!validate(body)) problems.push(...describeErrors(op, validate.errors ?? []));
    return body;
  }

  beforeAll(async () => {
    doc = (await (await openapi()).json()) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
    addFormats(ajv);
    const actor = await createUser("ARCHITECT");
    token = (await createApiToken({ actor, input: { name: "openapi" } })).secret;
    const component = await createComponent("NETWORK", { group: "Network" });
    ids.component = component.id;
    const member = await createUser("SRE");
    const rotation = await createRotation({ actor, input: { name: `Rot ${uid()}`, role: "SRE", anchorAt: "2026-01-01", memberIds: [member.id] } });
    ids.rotation = (rotation as { id: string }).id;
  });

  it("every documented read and creation returns exactly the documented fields", async () => {
    const change = await call(changes.POST as Handler, "POST", "/changes", { body: fullInput(ids.component!) });
    const incident = await call(incidents.POST as Handler, "POST", "/incidents", { body: { title: `OpenAPI ${uid()}`, severity: "P2", impact: "Slow", componentIds: [ids.component], currentAction: "Looking" } });
    const window = await call(maintenance.POST as Handler, "POST", "/maintenance", {
      body: { title: `Window ${uid()}`, windowStart: "2040-06-01T02:00:00Z", windowEnd: "2040-06-01T04:00:00Z", componentIds: [ids.component], type: "Patching", impact: "Restarts", rollback: "Not Available", contact: "SRE on-call" },
    });
    await call(components.GET as Handler, "GET", "/components");
    await call(componentOne.GET as Handler, "GET", "/components/{id}", { params: { id: ids.component! } });
    await call(changes.GET as Handler, "GET", "/changes");
    if (change.id) await call(changeOne.GET as Handler, "GET", "/changes/{id}", { params: { id: String(change.id) } });
    await call(incidents.GET as Handler, "GET", "/incidents");
    if (incident.id) await call(incidentOne.GET as Handler, "GET", "/incidents/{id}", { params: { id: String(incident.id) } });
    await call(incidentsLive.GET as Handler, "GET", "/incidents/live");
    await call(maintenance.GET as Handler, "GET", "/maintenance");
    if (window.id) await call(maintenanceOne.GET as Handler, "GET", "/maintenance/{id}", { params: { id: String(window.id) } });
    if (window.id) await call(maintenanceCancel.POST as Handler, "POST", "/maintenance/{id}/cancel", { params: { id: String(window.id) }, body: { version: 1, reason: "Superseded" } });
    await call(notifications.GET as Handler, "GET", "/notifications");
    await call(auditList.GET as Handler, "GET", "/audit", { query: "?limit=3&verify=true" });
    await call(oncallNow.GET as Handler, "GET", "/oncall/now");
    await call(oncallPreview.GET as Handler, "GET", "/oncall/preview", { query: `?componentId=${ids.component}&at=2026-12-02T10:00:00Z` });
    await call(rotations.GET as Handler, "GET", "/rotations");
    await call(rotationOne.GET as Handler, "GET", "/rotations/{id}", { params: { id: ids.rotation! } });
    await call(overrides.GET as Handler, "GET", "/overrides");
    await call(swaps.GET as Handler, "GET", "/swaps");
    await call(handoffs.GET as Handler, "GET", "/handoffs");
    if (incident.id) {
      const resolved = await call(incidentResolve.POST as Handler, "POST", "/incidents/{id}/resolve", { params: { id: String(incident.id) }, body: { resolution: "Rolled back", version: incident.version } });
      expect(resolved.status).toBe("Resolved");
      const list = await call(postmortems.GET as Handler, "GET", "/postmortems");
      const pm = (list.items as { id: string; incident: { id: string } }[]).find((p) => p.incident.id === incident.id);
      expect(pm, "a P2 resolution creates a postmortem").toBeTruthy();
      await call(postmortemOne.GET as Handler, "GET", "/postmortems/{id}", { params: { id: pm!.id } });
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("a parameter documented as optional is optional: /oncall/preview answers without `at`", async () => {
    const param = (doc.paths["/oncall/preview"]!.get as unknown as { parameters?: { name: string; required?: boolean }[] }).parameters?.find((p) => p.name === "at");
    expect(param, "at is documented").toBeTruthy();
    expect(param!.required ?? false).toBe(false);
    const req = new Request(`http://t/api/v1/oncall/preview?componentId=${ids.component}`, { headers: { authorization: `Bearer ${token}` } });
    const res = await (oncallPreview.GET as Handler)(req, { params: Promise.resolve({}) });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  });
});
