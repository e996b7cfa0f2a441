import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { LIMITS as ALERTS, createIntegrationSchema, updateIntegrationSchema } from "@/lib/alerts/schemas";
import { createApiTokenSchema } from "@/lib/auth/tokens";
import { LIMITS as CHANGES, createChangeSchema, createFreezeSchema, createTemplateSchema, decideChangeObject, deployEventSchema, listChangesSchema, setReadinessSchema, transitionChangeSchema, updateChangeObject } from "@/lib/changes/schemas";
import { LIMITS as COMPONENTS, alertMatcherSchema, createComponentSchema } from "@/lib/components/schemas";
import { LIMITS as INCIDENTS, declareIncidentSchema, listIncidentsQuerySchema, postIncidentUpdateSchema, reopenIncidentSchema, resolveIncidentSchema } from "@/lib/incidents/schemas";
import { LIMITS as MAINTENANCE, createMaintenanceSchema } from "@/lib/maintenance/schemas";
import { LIMITS as NOTIFY, createWebhookEndpointSchema } from "@/lib/notify/schemas";
import { LIMITS as ONCALL, createOverrideSchema, createRotationSchema } from "@/lib/oncall/schemas";
import { LIMITS as SUBSCRIBE, subscribeSchema } from "@/lib/status/subscribers/schemas";
import { changePasswordSchema, inviteSchema, profileSchema, setPasswordSchema } from "@/lib/users/commands";
import { LIMITS as USERS } from "@/lib/users/schemas";

/**
 * The forms' maxLength and the server's zod schemas read the same LIMITS
 * constants. This pins each constant to what the schema really enforces: a
 * value of exactly the limit raises no issue on that field, one character more
 * does. (Other fields of the input may fail; only issues on the field count.)
 */
const text = (n: number) => "a".repeat(n);
const email = (n: number) => `${"a".repeat(n - "@example.com".length)}@example.com`;
const url = (n: number) => `https://example.com/${"a".repeat(n - "https://example.com/".length)}`;

type Case = [label: string, schema: z.ZodType, field: string, limit: number, make?: (n: number) => string, base?: Record<string, unknown>];

const cases: Case[] = [
  ["changes description", createChangeSchema, "description", CHANGES.text],
  ["changes justification", createChangeSchema, "justification", CHANGES.text],
  ["changes impact", createChangeSchema, "impact", CHANGES.text],
  ["changes riskAssessment", createChangeSchema, "riskAssessment", CHANGES.text],
  ["changes rollbackPlan", createChangeSchema, "rollbackPlan", CHANGES.text],
  ["changes monitoring", createChangeSchema, "monitoring", CHANGES.monitoring],
  ["changes emergencyIncidentId", createChangeSchema, "emergencyIncidentId", CHANGES.id],
  ["changes edit riskAssessment", updateChangeObject, "riskAssessment", CHANGES.text],
  ["changes edit rollbackPlan", updateChangeObject, "rollbackPlan", CHANGES.text],
  ["changes edit monitoring", updateChangeObject, "monitoring", CHANGES.monitoring],
  ["changes decision comment", decideChangeObject, "comment", CHANGES.comment],
  ["changes decision overrideReason", decideChangeObject, "overrideReason", CHANGES.overrideReason],
  ["changes transition overrideReason", transitionChangeSchema, "overrideReason", CHANGES.overrideReason],
  ["changes readiness evidence", setReadinessSchema, "evidence", CHANGES.evidence],
  ["changes deploy pipelineUrl", deployEventSchema, "pipelineUrl", CHANGES.pipelineUrl, url],
  ["changes deploy commit", deployEventSchema, "commit", CHANGES.commit],
  ["changes list q", listChangesSchema, "q", CHANGES.search],
  ["freeze name", createFreezeSchema, "name", CHANGES.freezeName],
  ["freeze reason", createFreezeSchema, "reason", CHANGES.freezeReason],
  ["template name", createTemplateSchema, "name", CHANGES.templateName],
  ["template monitoring", createTemplateSchema, "monitoring", CHANGES.monitoring],
  ["template description", createTemplateSchema, "description", CHANGES.text],
  ["decision conflictReason", decideChangeObject, "conflictReason", CHANGES.conflictReason],
  ["incident title", declareIncidentSchema, "title", INCIDENTS.title],
  ["incident impact", declareIncidentSchema, "impact", INCIDENTS.text],
  ["incident currentAction", declareIncidentSchema, "currentAction", INCIDENTS.text],
  ["incident first message", declareIncidentSchema, "message", INCIDENTS.text],
  ["incident update message", postIncidentUpdateSchema, "message", INCIDENTS.text],
  ["incident update impact", postIncidentUpdateSchema, "impact", INCIDENTS.text],
  ["incident update currentAction", postIncidentUpdateSchema, "currentAction", INCIDENTS.text],
  ["incident resolution", resolveIncidentSchema, "resolution", INCIDENTS.resolution],
  ["incident reopen reason", reopenIncidentSchema, "reason", INCIDENTS.text],
  ["incident list q", listIncidentsQuerySchema, "q", INCIDENTS.search],
  ["component name", createComponentSchema, "name", COMPONENTS.name],
  ["component group", createComponentSchema, "group", COMPONENTS.group],
  ["component description", createComponentSchema, "description", COMPONENTS.description],
  ["component iacRepository", createComponentSchema, "iacRepository", COMPONENTS.iacRepository, url],
  ["alert matcher name", alertMatcherSchema, "name", COMPONENTS.matcherName],
  ["alert matcher value", alertMatcherSchema, "value", COMPONENTS.matcherValue],
  ["rotation name", createRotationSchema, "name", ONCALL.rotationName],
  ["override reason", createOverrideSchema, "reason", ONCALL.overrideReason],
  ["webhook name", createWebhookEndpointSchema, "name", NOTIFY.name],
  ["webhook url", createWebhookEndpointSchema, "url", NOTIFY.url, url],
  ["integration name", createIntegrationSchema, "name", ALERTS.name],
  ["integration edit name", updateIntegrationSchema, "name", ALERTS.name],
  ["maintenance title", createMaintenanceSchema, "title", MAINTENANCE.title],
  ["maintenance impact", createMaintenanceSchema, "impact", MAINTENANCE.impact],
  ["maintenance contact", createMaintenanceSchema, "contact", MAINTENANCE.contact],
  ["subscribe email", subscribeSchema, "target", SUBSCRIBE.email, email, { kind: "email" }],
  ["subscribe webhook", subscribeSchema, "target", SUBSCRIBE.url, url, { kind: "webhook" }],
  ["invite email", inviteSchema, "email", USERS.email, email],
  ["invite name", inviteSchema, "name", USERS.name],
  ["profile name", profileSchema, "name", USERS.name],
  ["set password", setPasswordSchema, "password", USERS.password],
  ["change password current", changePasswordSchema, "currentPassword", USERS.password],
  ["change password new", changePasswordSchema, "newPassword", USERS.password],
  ["api token name", createApiTokenSchema, "name", USERS.tokenName],
];

const issuesOn = (schema: z.ZodType, input: Record<string, unknown>, field: string) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.filter((i) => i.path[0] === field);
};

describe("form limits are the schemas' limits", () => {
  it.each(cases)("%s", (_label, schema, field, limit, make = text, base = {}) => {
    expect(limit).toBeGreaterThan(0);
    expect(make(limit)).toHaveLength(limit);
    expect(issuesOn(schema, { ...base, [field]: make(limit) }, field)).toEqual([]);
    const over = issuesOn(schema, { ...base, [field]: make(limit + 1) }, field);
    expect(over.map((i) => i.code)).toContain("too_big");
  });

  it("the form-only text limits leave room for what the schema accepts", () => {
    // 20 matchers "name=value" on lines; 30 "key=P1" pairs.
    expect(COMPONENTS.alertMatchersText).toBeGreaterThanOrEqual(20 * 30);
    expect(ALERTS.severityMapText).toBeGreaterThanOrEqual(30 * 10);
  });
});
