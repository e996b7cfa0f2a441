import { describe, expect, it } from "vitest";
import { POST as fileRoute } from "../../app/api/v1/change-templates/[id]/changes/route";
import { PATCH as patchTemplateRoute } from "../../app/api/v1/change-templates/[id]/route";
import { GET as listTemplatesRoute, POST as createTemplateRoute } from "../../app/api/v1/change-templates/route";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { approveChange } from "../../lib/changes/approve-change";
import { rejectChange } from "../../lib/changes/reject-change";
import { createTemplate, fileFromTemplate } from "../../lib/changes/templates";
import { transitionChange } from "../../lib/changes/transition-change";
import { updateChange } from "../../lib/changes/update-change";
import { db } from "../../lib/db/client";
import { createComponent, createUser, uid } from "../support/factories";
import { linkWindow, snapshot } from "./changes-helpers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, actor: Actor | null, id: string, method: string, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (actor) headers.authorization = `Bearer ${(await createApiToken({ actor, input: { name: "t" } })).secret}`;
  const res = await handler(new Request(`http://t/api/v1/change-templates/${id}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } } };
}

async function setup() {
  const [component, other] = await Promise.all([createComponent("NETWORK"), createComponent("DBA")]);
  const [architect, requester, owner, sre] = await Promise.all([createUser("ARCHITECT"), createUser("AUTOMATION"), createUser("NETWORK"), createUser("SRE")]);
  const body = {
    name: `Rotate TLS certificates ${uid()}`,
    type: "Modify",
    componentIds: [component.id],
    description: "Rotate the load balancer's TLS certificates",
    justification: "Certificates expire every 90 days",
    impact: "None expected (hitless reload)",
    riskAssessment: "Done monthly for two years without incident",
    rollbackPlan: "Reload the previous certificate bundle",
    monitoring: "https://grafana.local/d/tls",
  };
  return { component, other, architect, requester, owner, sre, body };
}

describe("Standard change templates", () => {
  it("only an ARCHITECT defines or edits one; bad input is 400 naming the field; audited; everyone lists them", async () => {
    const s = await setup();
    expect((await call(createTemplateRoute, null, "", "POST", s.body)).status).toBe(401);
    expect((await call(createTemplateRoute, s.sre, "", "POST", s.body)).status).toBe(403);
    expect(await call(createTemplateRoute, s.architect, "", "POST", { ...s.body, rollbackPlan: "" })).toMatchObject({ status: 400, json: { error: { fields: { rollbackPlan: expect.any(String) } } } });
    expect(await call(createTemplateRoute, s.architect, "", "POST", { ...s.body, componentIds: [] })).toMatchObject({ status: 400, json: { error: { fields: { componentIds: expect.any(String) } } } });
    expect(await call(createTemplateRoute, s.architect, "", "POST", { ...s.body, monitoring: "x".repeat(2001) })).toMatchObject({ status: 400, json: { error: { fields: { monitoring: expect.any(String) } } } });
    expect(await call(createTemplateRoute, s.architect, "", "POST", { ...s.body, componentIds: ["nope"] })).toMatchObject({ status: 400, json: { error: { fields: { componentIds: "Unknown component" } } } });
    expect(await db.changeTemplate.count({ where: { name: s.body.name } })).toBe(0);
    const created = await call(createTemplateRoute, s.architect, "", "POST", s.body);
    expect(created).toMatchObject({ status: 201, json: { name: s.body.name, riskLevel: "Low", active: true, version: 1, approvedBy: { id: s.architect.id }, componentIds: [s.component.id] } });
    const id = created.json.id as string;
    expect(await call(createTemplateRoute, s.architect, "", "POST", s.body)).toMatchObject({ status: 409 });
    expect((await call(patchTemplateRoute, s.sre, id, "PATCH", { version: 1, active: false })).status).toBe(403);
    expect(await call(patchTemplateRoute, s.architect, id, "PATCH", { version: 7, active: false })).toMatchObject({ status: 409 });
    expect(await db.auditLog.count({ where: { entity: "ChangeTemplate", entityId: id } })).toBe(1);
    const list = await call(listTemplatesRoute, s.sre, "", "GET");
    expect((list.json.items as { id: string }[]).map((t) => t.id)).toContain(id);
  });

  it("a Standard change from a template goes to Scheduled with no human approval once the gate holds; the template's approval is recorded", async () => {
    const s = await setup();
    const t = await createTemplate({ actor: s.architect, input: s.body });
    expect(await call(fileRoute, s.requester, t.id, "POST", { componentId: s.other.id, timeline: "2026-12-01" })).toMatchObject({ status: 400, json: { error: { fields: { componentId: expect.stringMatching(/covers/) } } } });
    expect(await call(fileRoute, s.requester, t.id, "POST", { componentId: s.component.id })).toMatchObject({ status: 400, json: { error: { fields: { timeline: expect.any(String) } } } });
    const filed = await call(fileRoute, s.requester, t.id, "POST", { componentId: s.component.id, timeline: "2026-12-01", submit: true });
    expect(filed).toMatchObject({ status: 201, json: { kind: "Standard", status: "Submitted", riskLevel: "Low", description: s.body.description, template: { id: t.id, name: t.name }, can: { decide: false } } });
    const id = filed.json.id as string;
    // nobody approves or rejects it by hand
    await expect(approveChange({ actor: s.owner, input: { id } })).rejects.toMatchObject({ status: 422 });
    await expect(rejectChange({ actor: s.owner, input: { id, comment: "no" } })).rejects.toMatchObject({ status: 422 });
    // its content is the template's
    const before = await snapshot(id);
    await expect(updateChange({ actor: s.requester, input: { id, version: before.change.version, description: "Something else" } })).rejects.toMatchObject({ status: 422, fields: { description: expect.any(String) } });
    // not schedulable until the derived items hold
    await expect(transitionChange({ actor: s.requester, input: { id, to: "Scheduled" } })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/do not hold yet/) });
    expect(await snapshot(id)).toEqual(before);
    await linkWindow(id, s.component.id, s.requester);
    const scheduled = await transitionChange({ actor: s.requester, input: { id, to: "Scheduled" } });
    expect(scheduled.status).toBe("Scheduled");
    expect(scheduled.approvals).toHaveLength(1);
    expect(scheduled.approvals[0]).toMatchObject({ approverId: s.architect.id, decision: "approve", comment: expect.stringMatching(/Standard change template/) });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "change.approved" } });
    expect(audit.data).toMatchObject({ approvedBy: "template", templateId: t.id, templateVersion: 1 });
  });

  it("a Draft whose gate already holds goes straight to Scheduled on submit; a retired template files nothing", async () => {
    const s = await setup();
    const t = await createTemplate({ actor: s.architect, input: s.body });
    const draft = await fileFromTemplate({ actor: s.requester, input: { templateId: t.id, componentId: s.component.id, timeline: "2026-12-01" } });
    expect(draft).toMatchObject({ status: "Draft", kind: "Standard" });
    await linkWindow(draft.id, s.component.id, s.requester);
    expect((await transitionChange({ actor: s.requester, input: { id: draft.id, to: "Submitted" } })).status).toBe("Scheduled");
    expect(await db.changeApproval.count({ where: { changeId: draft.id, decision: "approve" } })).toBe(1);
    const retired = await call(patchTemplateRoute, s.architect, t.id, "PATCH", { version: 1, active: false });
    expect(retired).toMatchObject({ status: 200, json: { active: false, version: 2 } });
    const count = await db.changeRequest.count({ where: { templateId: t.id } });
    expect(await call(fileRoute, s.requester, t.id, "POST", { componentId: s.component.id, timeline: "2026-12-01" })).toMatchObject({ status: 422 });
    expect(await db.changeRequest.count({ where: { templateId: t.id } })).toBe(count);
  });
});
