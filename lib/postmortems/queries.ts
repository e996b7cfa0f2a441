import "server-only";
import { can, rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { buildTimeline, durations, renderPostmortemMarkdown, suspectChanges, type PostmortemDoc } from "./draft";
import { nextPostmortemStatuses, POSTMORTEM_STATUS_LABELS } from "./state-machine";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const userName = (u: { id: string; name: string } | null) => (u ? { id: u.id, name: u.name } : null);

async function load(id: string) {
  const pm = await db.postmortem.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true } },
      actions: { orderBy: { createdAt: "asc" }, include: { owner: { select: { id: true, name: true } }, change: { select: { id: true, number: true } } } },
      incident: {
        include: {
          components: { include: { component: { select: { id: true, name: true } } } },
          updates: { orderBy: { createdAt: "asc" }, select: { createdAt: true, status: true, message: true, public: true } },
          pages: { orderBy: { at: "asc" }, select: { at: true, level: true, user: { select: { name: true } } } },
          alerts: { orderBy: { startsAt: "asc" }, select: { startsAt: true, summary: true } },
        },
      },
    },
  });
  if (!pm) throw new NotFoundError("Postmortem");
  return pm;
}

/** The postmortem with what it is pre-filled from (timeline, durations, suspect changes, maintenance), as the API and page show it. */
export async function getPostmortem(id: string, actor: Pick<Actor, "id" | "role">) {
  const pm = await load(id);
  const inc = pm.incident;
  const componentIds = inc.components.map((c) => c.componentId);
  const impactStart = inc.declaredAt;
  const updates = inc.updates.filter((u) => u.status !== "Resolved");
  const source = {
    number: inc.number,
    title: inc.title,
    severity: inc.severity,
    declaredAt: inc.declaredAt,
    impactStartedAt: null,
    alertStartedAt: inc.alertStartedAt,
    acknowledgedAt: inc.acknowledgedAt,
    mitigatedAt: null,
    resolvedAt: inc.resolvedAt,
    updates: updates.map((u) => ({ at: u.createdAt, status: u.status, message: u.message, public: u.public })),
    pages: inc.pages.map((p) => ({ at: p.at, level: p.level, who: p.user?.name ?? null })),
    alerts: inc.alerts.map((a) => ({ at: a.startsAt, summary: a.summary })),
    roles: [],
  };
  const candidates = componentIds.length
    ? await db.changeRequest.findMany({ where: { componentId: { in: componentIds }, status: { in: ["InProgress", "Completed"] } }, select: { id: true, number: true, description: true, componentId: true, status: true, updatedAt: true }, take: 500 })
    : [];
  // a Completed change has no completion stamp of its own: its last update is when it was completed
  const suspects = suspectChanges(candidates.map((c) => ({ ...c, completedAt: c.status === "Completed" ? c.updatedAt : null })), componentIds, impactStart);
  const end = inc.resolvedAt ?? new Date();
  const windows = componentIds.length
    ? await db.maintenanceWindow.findMany({ where: { components: { some: { componentId: { in: componentIds } } }, windowStart: { lte: end }, windowEnd: { gte: new Date(impactStart.getTime() - 86_400_000) } }, select: { id: true, title: true, windowStart: true, windowEnd: true }, orderBy: { windowStart: "asc" }, take: 50 })
    : [];
  const mayEdit = can(actor.role, "postmortems.edit");
  const mayPublish = can(actor.role, "postmortems.publish") && (pm.ownerId === actor.id || can(actor.role, "postmortems.publish_any"));
  return {
    id: pm.id,
    status: pm.status,
    statusLabel: POSTMORTEM_STATUS_LABELS[pm.status],
    required: pm.required,
    owner: userName(pm.owner),
    dueAt: pm.dueAt.toISOString(),
    publishedAt: iso(pm.publishedAt),
    version: pm.version,
    createdAt: pm.createdAt.toISOString(),
    updatedAt: pm.updatedAt.toISOString(),
    incident: { id: inc.id, number: inc.number, title: inc.title, severity: inc.severity, declaredAt: inc.declaredAt.toISOString(), resolvedAt: iso(inc.resolvedAt), resolution: inc.resolution },
    sections: { summary: pm.summary, impact: pm.impact, rootCause: pm.rootCause, wentWell: pm.wentWell, wentWrong: pm.wentWrong },
    timeline: buildTimeline(source).map((e) => ({ at: e.at.toISOString(), kind: e.kind, text: e.text })),
    durations: durations(source),
    components: inc.components.map((c) => ({ id: c.component.id, name: c.component.name })),
    suspectChanges: suspects.map((c) => ({ id: c.id, number: c.number, description: c.description, status: c.status })),
    maintenance: windows.map((w) => ({ id: w.id, title: w.title, windowStart: w.windowStart.toISOString(), windowEnd: w.windowEnd.toISOString() })),
    followUps: pm.actions.map((a) => ({ id: a.id, title: a.title, owner: userName(a.owner), dueAt: iso(a.dueAt), status: a.status, change: a.change ? { id: a.change.id, number: a.change.number } : null })),
    can: { edit: mayEdit, transitions: mayEdit ? nextPostmortemStatuses(pm.status).filter((s) => s !== "Published" || mayPublish) : [] },
  };
}
export type PostmortemDto = Awaited<ReturnType<typeof getPostmortem>>;

/** The Markdown export (lib/postmortems/draft.ts renders it). */
export async function postmortemMarkdown(id: string, actor: Pick<Actor, "id" | "role">): Promise<{ filename: string; markdown: string }> {
  const p = await getPostmortem(id, actor);
  const doc: PostmortemDoc = {
    incident: p.incident,
    status: p.statusLabel,
    owner: p.owner?.name ?? null,
    dueAt: new Date(p.dueAt),
    sections: p.sections,
    timeline: p.timeline.map((e) => ({ ...e, at: new Date(e.at) })),
    durations: p.durations,
    components: p.components.map((c) => c.name),
    suspectChanges: p.suspectChanges,
    maintenance: p.maintenance.map((m) => ({ title: m.title, start: new Date(m.windowStart), end: new Date(m.windowEnd) })),
    followUps: p.followUps.map((f) => ({ title: f.title, owner: f.owner?.name ?? null, dueAt: f.dueAt ? new Date(f.dueAt) : null, status: f.status, changeNumber: f.change?.number ?? null })),
  };
  return { filename: `postmortem-incident-${p.incident.number}.md`, markdown: renderPostmortemMarkdown(doc) };
}

/** Postmortems, unpublished first by due date (overdue ones first). */
export async function listPostmortems(query: { status?: "Draft" | "InReview" | "Published" }) {
  const rows = await db.postmortem.findMany({
    where: query.status ? { status: query.status } : {},
    orderBy: [{ publishedAt: { sort: "desc", nulls: "first" } }, { dueAt: "asc" }],
    take: 200,
    include: { owner: { select: { id: true, name: true } }, incident: { select: { id: true, number: true, title: true, severity: true } }, _count: { select: { actions: { where: { status: "Open" } } } } },
  });
  return rows.map((p) => ({ id: p.id, status: p.status, owner: userName(p.owner), dueAt: p.dueAt.toISOString(), publishedAt: iso(p.publishedAt), incident: p.incident, openFollowUps: p._count.actions }));
}

/** The postmortem of an incident, if any (the incident page links to it). */
export async function postmortemIdForIncident(incidentId: string): Promise<string | null> {
  return (await db.postmortem.findUnique({ where: { incidentId }, select: { id: true } }))?.id ?? null;
}

/** Who may own a follow-up: active users who may edit postmortems. */
export async function followUpOwners() {
  return db.user.findMany({ where: { active: true, role: { in: rolesWith("postmortems.edit") } }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}
