import { beforeAll, describe, expect, it } from "vitest";
import { GET, PUT } from "../../app/api/v1/escalation-policy/route";
import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/session";
import { createApiToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { escalationSteps } from "../../lib/env";
import { ForbiddenError } from "../../lib/errors";
import { getEscalationPolicy, saveEscalationPolicy, saveEscalationPolicyFromForm } from "../../lib/oncall/escalation-policy";
import { defaultPolicy, HUMAN_ESCALATION_LABEL, type EscalationPolicy } from "../../lib/oncall/policy";
import { getEscalationPreview } from "../../lib/oncall/queries";
import { tickEscalations } from "../../lib/oncall/tick-escalations";
import { auditCount, createComponent, createUser, uid } from "../support/factories";

const MIN = 60_000;
type Json = Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } };

async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, token: string, method: string, body?: unknown) {
  const req = new Request("http://t/api/v1/escalation-policy", { method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Json };
}

let architect: Actor;
const onCall: Partial<Record<Role, Actor>> = {};

/** One single-member rotation per role, so "who is on call" is known. */
beforeAll(async () => {
  architect = await createUser("ARCHITECT");
  for (const role of ["SRE", "SYSADMIN", "NETWORK", "ARCHITECT"] as Role[]) {
    const u = await createUser(role);
    onCall[role] = u;
    await db.rotation.create({ data: { name: `${role} ${uid()}`, role, anchorAt: new Date("2026-01-01T09:00:00.000Z"), members: { create: [{ userId: u.id, position: 0 }] } } });
  }
});

async function save(policy: EscalationPolicy) {
  const { version } = await getEscalationPolicy();
  return saveEscalationPolicy({ actor: architect, input: { policy, version } });
}

async function incident(severity: "P1" | "P2" | "P3", declaredAt: Date, componentIds: string[] = []) {
  return db.incident.create({
    data: { title: `Policy ${uid()}`, severity, impact: "x", currentAction: "y", declaredById: architect.id, declaredAt, lastUpdateAt: declaredAt, components: { create: componentIds.map((componentId) => ({ componentId })) } },
  });
}

const pagesOf = async (incidentId: string) =>
  (await db.escalationPage.findMany({ where: { incidentId }, orderBy: [{ level: "asc" }, { role: "asc" }, { targetKey: "asc" }] })).map((p) => `${p.level}:${p.role}:${p.targetKey}:${p.userId ?? "-"}`);

describe("escalation policy as data", () => {
  it("GET: the seed's ladder with OPSGATE_ESCALATION_STEPS as delays until someone saves one", async () => {
    const token = (await createApiToken({ actor: await createUser("VIEWER"), input: { name: "t" } })).secret;
    const res = await call(GET, token, "GET");
    expect(res.status).toBe(200);
    const view = res.body as unknown as { version: number; isDefault: boolean; policy: EscalationPolicy };
    expect(view).toMatchObject({ version: 0, isDefault: true });
    const steps = escalationSteps();
    expect(view.policy.ladder.levels.map((l) => [l.label, l.delayMinutes, l.severities])).toEqual([
      ["SRE on call (primary)", 0, []],
      ["Systems Administrator on call (secondary)", steps[0] / MIN, []],
      ["Component specialist (owner role of the affected components)", steps[1] / MIN, []],
      ["Infrastructure Architect", steps[2] / MIN, []],
      [HUMAN_ESCALATION_LABEL, (steps[2] * 1.5) / MIN, ["P1", "P2"]],
    ]);
  });

  it("PUT: ARCHITECT only (403 writes nothing), 400 names the field, unknown people refused, stale version 409, audited", async () => {
    const sreToken = (await createApiToken({ actor: await createUser("SRE"), input: { name: "t" } })).secret;
    const archToken = (await createApiToken({ actor: architect, input: { name: "t" } })).secret;
    const policy = defaultPolicy();
    expect((await call(PUT, sreToken, "PUT", { policy, version: 0 })).status).toBe(403);
    expect(await db.escalationPolicyConfig.count()).toBe(0);

    const backwards = { ...policy, ladder: { ...policy.ladder, levels: [policy.ladder.levels[1], { ...policy.ladder.levels[0], delayMinutes: 1 }] } };
    const bad = await call(PUT, archToken, "PUT", { policy: backwards, version: 0 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toContain("policy.ladder.levels.1.delayMinutes");
    const long = await call(PUT, archToken, "PUT", { policy: { ...policy, ladder: { ...policy.ladder, levels: [{ ...policy.ladder.levels[0], label: "x".repeat(121) }] } }, version: 0 });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.error?.fields ?? {})).toContain("policy.ladder.levels.0.label");
    const ghost = { ...policy, ladder: { ...policy.ladder, levels: policy.ladder.levels.map((l) => (l.target.kind === "people" ? { ...l, target: { kind: "people" as const, userIds: ["nobody-here"], emails: [] } } : l)) } };
    const refused = await call(PUT, archToken, "PUT", { policy: ghost, version: 0 });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error?.fields ?? {})).toEqual(["policy.ladder.levels.4.target.userIds"]);
    expect(await db.escalationPolicyConfig.count()).toBe(0);

    const ok = await call(PUT, archToken, "PUT", { policy, version: 0 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 1, isDefault: false, updatedBy: { id: architect.id } });
    expect((await call(PUT, archToken, "PUT", { policy, version: 0 })).status).toBe(409);
    expect(await auditCount("EscalationPolicy", "default", "escalation_policy.updated")).toBe(1);
  });

  it("the tick follows the stored policy: a faster P1 ladder repeated once, the named human escalation (deactivated people skipped), P3 untouched", async () => {
    const boss = await createUser("VIEWER");
    const gone = await createUser("ARCHITECT");
    const base = defaultPolicy();
    const levels = base.ladder.levels.map((l) => (l.target.kind === "people" ? { ...l, target: { kind: "people" as const, userIds: [boss.id, gone.id], emails: [] } } : l));
    await save({
      ...base,
      ladder: { ...base.ladder, levels },
      severityOverrides: { P1: { levels: [levels[0], { ...levels[1], delayMinutes: 5 }], repeat: 1, repeatAfterMinutes: 5 } },
    });
    await db.user.update({ where: { id: gone.id }, data: { active: false } });
    const t0 = new Date();
    const p1 = await incident("P1", t0);
    const p2 = await incident("P2", t0);
    const p3 = await incident("P3", t0);
    const scope = [p1.id, p2.id, p3.id];
    await tickEscalations(new Date(t0.getTime() + 10 * MIN), { scope });
    // P1: +0 SRE, +5 SYSADMIN, then the repeat (levels 3, 4) at +10/+15
    expect(await pagesOf(p1.id)).toEqual([`1:SRE::${onCall.SRE!.id}`, `2:SYSADMIN::${onCall.SYSADMIN!.id}`, `3:SRE::${onCall.SRE!.id}`]);
    expect(await pagesOf(p2.id)).toEqual([`1:SRE::${onCall.SRE!.id}`]);
    await tickEscalations(new Date(t0.getTime() + 90 * MIN), { scope });
    expect(await pagesOf(p1.id)).toHaveLength(4);
    const p2Pages = await pagesOf(p2.id);
    expect(p2Pages).toContain(`5:VIEWER:user:${boss.id}:${boss.id}`);
    expect(p2Pages.some((p) => p.includes(gone.id))).toBe(false);
    expect((await pagesOf(p3.id)).map((p) => p.split(":")[0])).toEqual(["1", "2", "3", "4"]);
    // the preview follows the same policy
    const component = await createComponent("NETWORK");
    const preview = await getEscalationPreview({ componentId: component.id, at: t0.toISOString(), severity: "P2" });
    expect(preview.steps.filter((s) => s.level === 5).map((s) => [s.targetKey, s.user?.id ?? null, s.gap])).toEqual([
      [`user:${boss.id}`, boss.id, null],
      [`user:${gone.id}`, null, expect.stringContaining("deactivated")],
    ]);
    expect((await getEscalationPreview({ componentId: component.id, at: t0.toISOString(), severity: "P1" })).policy).toBe("severity:P1");
  });

  it("changing the policy never pages a level again: only levels without a page row fire", async () => {
    await save(defaultPolicy());
    const t0 = new Date();
    const net = await createComponent("NETWORK");
    const inc = await incident("P3", t0, [net.id]);
    await tickEscalations(new Date(t0.getTime() + 16 * MIN), { scope: [inc.id] });
    expect(await pagesOf(inc.id)).toEqual([`1:SRE::${onCall.SRE!.id}`, `2:SYSADMIN::${onCall.SYSADMIN!.id}`]);
    // the ARCHITECT retargets level 2 and makes everything faster: levels 1 and 2 stay as they were
    const base = defaultPolicy();
    await save({ ...base, ladder: { ...base.ladder, levels: base.ladder.levels.map((l, i) => (i === 1 ? { ...l, target: { kind: "role", role: "NETWORK" }, delayMinutes: 1 } : i > 1 ? { ...l, delayMinutes: 2 } : l)) } });
    await tickEscalations(new Date(t0.getTime() + 17 * MIN), { scope: [inc.id] });
    await tickEscalations(new Date(t0.getTime() + 18 * MIN), { scope: [inc.id] });
    expect(await pagesOf(inc.id)).toEqual([`1:SRE::${onCall.SRE!.id}`, `2:SYSADMIN::${onCall.SYSADMIN!.id}`, `3:NETWORK::${onCall.NETWORK!.id}`, `4:ARCHITECT::${onCall.ARCHITECT!.id}`]);
  });

  it("paging skips a deactivated on-call person: the level gets its row with nobody paged", async () => {
    await save(defaultPolicy());
    const sre = onCall.SRE!;
    await db.user.update({ where: { id: sre.id }, data: { active: false } });
    try {
      const inc = await incident("P2", new Date());
      await tickEscalations(new Date(), { scope: [inc.id] });
      expect(await pagesOf(inc.id)).toEqual(["1:SRE::-"]);
      expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: `page:${inc.id}:1:SRE:` }, channel: "in_app" } })).toBe(0);
    } finally {
      await db.user.update({ where: { id: sre.id }, data: { active: true } });
    }
  });

  it("the page's form: JSON errors are a field message, another role is refused, a valid document saves", async () => {
    const sre = await createUser("SRE");
    const { version } = await getEscalationPolicy();
    await expect(saveEscalationPolicyFromForm({ actor: sre, input: { document: "{}", version: String(version) } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveEscalationPolicyFromForm({ actor: architect, input: { document: "{not json", version: String(version) } })).rejects.toMatchObject({ fields: { document: expect.stringMatching(/^Not valid JSON/) } });
    await expect(saveEscalationPolicyFromForm({ actor: architect, input: { document: JSON.stringify({ ladder: { levels: [] } }), version: String(version) } })).rejects.toMatchObject({ fields: { "policy.ladder.levels": "Keep at least one level" } });
    const saved = await saveEscalationPolicyFromForm({ actor: architect, input: { document: JSON.stringify(defaultPolicy()), version: String(version) } });
    expect(saved.version).toBe(version + 1);
  });
});
