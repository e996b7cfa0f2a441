import "server-only";
import { addDays, addHours, addMinutes, startOfDay } from "date-fns";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { Role } from "@/lib/generated/prisma/enums";

export const DEMO_PASSWORD = "opsgate-demo";

/** One user per role (API.md), plus a second SRE and SYSADMIN so rotations rotate. */
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "architect@opsgate.local", name: "Ada Architect", role: Role.ARCHITECT },
  { email: "sre@opsgate.local", name: "Sam Reliability", role: Role.SRE },
  { email: "sysadmin@opsgate.local", name: "Sid Admin", role: Role.SYSADMIN },
  { email: "network@opsgate.local", name: "Nia Network", role: Role.NETWORK },
  { email: "dba@opsgate.local", name: "Dana Database", role: Role.DBA },
  { email: "automation@opsgate.local", name: "Otto Automation", role: Role.AUTOMATION },
  { email: "viewer@opsgate.local", name: "Vic Viewer", role: Role.VIEWER },
  { email: "sre2@opsgate.local", name: "Riley Oncall", role: Role.SRE },
  { email: "sysadmin2@opsgate.local", name: "Sasha Servers", role: Role.SYSADMIN },
];

const COMPONENTS: { name: string; group: string; ownerRole: Role; description: string }[] = [
  { name: "Web servers", group: "Server", ownerRole: Role.SYSADMIN, description: "nginx fleet in front of the apps" },
  { name: "Application servers", group: "Server", ownerRole: Role.SYSADMIN, description: "VM fleet running the services" },
  { name: "Bastion hosts", group: "Server", ownerRole: Role.SYSADMIN, description: "SSH entry points" },
  { name: "Core network", group: "Network", ownerRole: Role.NETWORK, description: "Core switches and routing" },
  { name: "Load balancers", group: "Network", ownerRole: Role.NETWORK, description: "HAProxy pair" },
  { name: "DNS", group: "Network", ownerRole: Role.NETWORK, description: "Authoritative and resolver DNS" },
  { name: "PostgreSQL cluster", group: "Database", ownerRole: Role.DBA, description: "Primary and two replicas" },
  { name: "Redis cache", group: "Database", ownerRole: Role.DBA, description: "Session and cache store" },
  { name: "Object storage", group: "Storage", ownerRole: Role.SYSADMIN, description: "S3-compatible storage" },
  { name: "Backups", group: "Storage", ownerRole: Role.SYSADMIN, description: "Nightly backups and restores" },
  { name: "Customer portal", group: "Application", ownerRole: Role.SRE, description: "The customer-facing web app" },
  { name: "Public API", group: "Application", ownerRole: Role.SRE, description: "REST API for customers" },
];

const ROTATIONS: { name: string; role: Role; members: string[] }[] = [
  { name: "SRE primary", role: Role.SRE, members: ["sre@opsgate.local", "sre2@opsgate.local"] },
  { name: "Systems secondary", role: Role.SYSADMIN, members: ["sysadmin@opsgate.local", "sysadmin2@opsgate.local"] },
  { name: "Network specialists", role: Role.NETWORK, members: ["network@opsgate.local"] },
  { name: "Database specialists", role: Role.DBA, members: ["dba@opsgate.local"] },
  { name: "Infrastructure architect", role: Role.ARCHITECT, members: ["architect@opsgate.local"] },
];

/**
 * Seeds demo data into a database with no users. Returns false (and writes
 * nothing) when users already exist, so every start can call it.
 */
export async function seedDemo(now: Date): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: DEMO_USERS.map((u) => ({ ...u, passwordHash })) });
      const users = Object.fromEntries((await tx.user.findMany()).map((u) => [u.email, u]));
      await tx.component.createMany({ data: COMPONENTS.map((c, position) => ({ ...c, position })) });
      const comps = Object.fromEntries((await tx.component.findMany()).map((c) => [c.name, c]));
      const anchorAt = new Date(Date.UTC(2026, 0, 1, 9, 0, 0));
      for (const r of ROTATIONS) {
        await tx.rotation.create({
          data: {
            name: r.name,
            role: r.role,
            anchorAt,
            members: { create: r.members.map((email, position) => ({ userId: users[email].id, position })) },
          },
        });
      }

      const today = startOfDay(now);
      const windowStart = addHours(addDays(today, 7), 2);
      const mw = await tx.maintenanceWindow.create({
        data: {
          title: "Load balancer firmware upgrade",
          windowStart,
          windowEnd: addHours(windowStart, 2),
          type: "Upgrade",
          impact: "Brief connection resets during failover",
          rollback: "Available",
          contact: "Network on-call",
          notifiedAt: now,
          createdById: users["network@opsgate.local"].id,
          components: { create: [{ componentId: comps["Load balancers"].id }] },
        },
      });
      const base = {
        justification: "Keep the platform supported and secure",
        timeline: addDays(today, 7),
        impact: "No customer impact expected",
      };
      await tx.changeRequest.create({
        data: {
          ...base,
          type: "Modify",
          componentId: comps["Load balancers"].id,
          description: "Upgrade HAProxy firmware to 3.2",
          requesterId: users["network@opsgate.local"].id,
          riskLevel: "Medium",
          riskAssessment: "Failover tested in staging; one node at a time",
          rollbackPlan: "Reinstall the previous firmware image from the vendor bundle",
          monitoring: "Grafana: Load balancers / connection errors",
          plannedStart: windowStart,
          plannedEnd: addHours(windowStart, 2),
          status: "Submitted",
          maintenance: { create: [{ windowId: mw.id }] },
        },
      });
      await tx.changeRequest.create({
        data: {
          ...base,
          type: "New",
          componentId: comps["PostgreSQL cluster"].id,
          description: "Add a third read replica in the second zone",
          requesterId: users["automation@opsgate.local"].id,
          riskLevel: "High",
          structural: true,
          status: "Submitted",
        },
      });
      await tx.changeRequest.create({
        data: {
          ...base,
          type: "Remove",
          componentId: comps["Bastion hosts"].id,
          description: "Decommission bastion-02",
          requesterId: users["sysadmin@opsgate.local"].id,
          status: "Draft",
        },
      });
      await tx.changeRequest.create({
        data: {
          ...base,
          timeline: addDays(today, -10),
          type: "Modify",
          componentId: comps["DNS"].id,
          description: "Lower TTL on api records to 60 s",
          requesterId: users["network@opsgate.local"].id,
          riskLevel: "Low",
          riskAssessment: "Read-only change to TTL",
          rollbackPlan: "Restore the previous TTL",
          monitoring: "DNS query latency dashboard",
          status: "Completed",
        },
      });

      const declaredAt = addDays(now, -3);
      const inc = await tx.incident.create({
        data: {
          title: "Elevated API error rate",
          severity: "P3",
          status: "Resolved",
          impact: "Some API requests failed with 502",
          currentAction: "Monitoring after the fix",
          commanderId: users["sre@opsgate.local"].id,
          declaredById: users["sre@opsgate.local"].id,
          declaredAt,
          acknowledgedAt: addMinutes(declaredAt, 3),
          acknowledgedById: users["sre@opsgate.local"].id,
          resolvedAt: addMinutes(declaredAt, 42),
          resolution: "Rolled back a bad deploy of the API gateway",
          lastUpdateAt: addMinutes(declaredAt, 42),
          components: { create: [{ componentId: comps["Public API"].id }] },
        },
      });
      await tx.incidentUpdate.createMany({
        data: [
          { incidentId: inc.id, authorId: users["sre@opsgate.local"].id, status: "Investigating", message: "We are investigating elevated error rates on the API.", public: true, createdAt: declaredAt },
          { incidentId: inc.id, authorId: users["sre@opsgate.local"].id, status: "Identified", message: "A faulty deploy was identified and is being rolled back.", public: true, createdAt: addMinutes(declaredAt, 20) },
          { incidentId: inc.id, authorId: users["sre@opsgate.local"].id, status: "Resolved", message: "Error rates are back to normal.", public: true, createdAt: addMinutes(declaredAt, 42) },
        ],
      });
      await audit(tx, { actor: { system: "seed" }, action: "system.seeded", entity: "System", entityId: "demo", data: { users: DEMO_USERS.length, components: COMPONENTS.length } });
    },
    { timeout: 60_000 },
  );
  return true;
}
