/**
 * The data a postmortem is pre-filled from, and its Markdown export (issue 19).
 * Pure: the caller loads the incident and passes plain values.
 */
import { millisecondsInDay } from "date-fns/constants";
export type TimelineKind = "declared" | "acknowledged" | "update" | "page" | "alert" | "status_page" | "role" | "mitigated" | "resolved" | "impact_started";

export type TimelineEntry = { at: Date; kind: TimelineKind; text: string };

export type DraftSource = {
  number: number;
  title: string;
  severity: string;
  declaredAt: Date;
  impactStartedAt: Date | null;
  alertStartedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  updates: { at: Date; status: string; message: string; public: boolean }[];
  pages: { at: Date; level: number; who: string | null }[];
  alerts: { at: Date; summary: string }[];
  roles: { at: Date; text: string }[];
};

/** The whole timeline, oldest first; ties keep the order of the kinds above (declared before its first update). */
export function buildTimeline(s: DraftSource): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (s.impactStartedAt) out.push({ at: s.impactStartedAt, kind: "impact_started", text: "Customer impact started" });
  for (const a of s.alerts) out.push({ at: a.at, kind: "alert", text: `Alert: ${a.summary}` });
  out.push({ at: s.declaredAt, kind: "declared", text: `Incident #${s.number} declared (${s.severity})` });
  for (const p of s.pages) out.push({ at: p.at, kind: "page", text: `Paged level ${p.level}${p.who ? ` (${p.who})` : ""}` });
  if (s.acknowledgedAt) out.push({ at: s.acknowledgedAt, kind: "acknowledged", text: "Acknowledged; escalation stopped" });
  for (const u of s.updates) {
    out.push({ at: u.at, kind: "update", text: `${u.status}: ${u.message}` });
    if (u.public) out.push({ at: u.at, kind: "status_page", text: "Published to the status page" });
  }
  for (const r of s.roles) out.push({ at: r.at, kind: "role", text: r.text });
  if (s.mitigatedAt) out.push({ at: s.mitigatedAt, kind: "mitigated", text: "Mitigated" });
  if (s.resolvedAt) out.push({ at: s.resolvedAt, kind: "resolved", text: "Resolved" });
  return out.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map(({ e }) => e);
}

export type Durations = {
  detectionMs: number | null;
  acknowledgeMs: number | null;
  mitigateMs: number | null;
  resolveMs: number | null;
  /** from the customer's point of view: impact start (else declaration) → mitigated (else resolved) */
  customerImpactMs: number | null;
};

const diff = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, b.getTime() - a.getTime()) : null);

export function durations(s: Pick<DraftSource, "declaredAt" | "impactStartedAt" | "alertStartedAt" | "acknowledgedAt" | "mitigatedAt" | "resolvedAt">): Durations {
  return {
    detectionMs: diff(s.alertStartedAt, s.declaredAt),
    acknowledgeMs: diff(s.declaredAt, s.acknowledgedAt),
    mitigateMs: diff(s.declaredAt, s.mitigatedAt),
    resolveMs: diff(s.declaredAt, s.resolvedAt),
    customerImpactMs: diff(s.impactStartedAt ?? s.declaredAt, s.mitigatedAt ?? s.resolvedAt),
  };
}

export type ChangeCandidate = { id: string; componentId: string; status: string; completedAt: Date | null };

/**
 * Suspect changes: on one of the incident's components, in progress at the
 * start of impact, or completed in the 24 h before it (inclusive of 24 h exactly).
 */
export function suspectChanges<C extends ChangeCandidate>(changes: C[], componentIds: string[], impactStart: Date): C[] {
  const from = impactStart.getTime() - millisecondsInDay;
  const comps = new Set(componentIds);
  return changes.filter((c) => {
    if (!comps.has(c.componentId)) return false;
    if (c.status === "InProgress") return true;
    if (c.status !== "Completed" || !c.completedAt) return false;
    const t = c.completedAt.getTime();
    return t >= from && t <= impactStart.getTime();
  });
}

export type FollowUp = { title: string; owner: string | null; dueAt: Date | null; status: "Open" | "Done"; changeNumber: number | null };

export type PostmortemDoc = {
  incident: { number: number; title: string; severity: string };
  status: string;
  owner: string | null;
  dueAt: Date;
  sections: { summary: string; impact: string; rootCause: string; wentWell: string; wentWrong: string };
  timeline: TimelineEntry[];
  durations: Durations;
  components: string[];
  suspectChanges: { number: number; description: string }[];
  maintenance: { title: string; start: Date; end: Date }[];
  followUps: FollowUp[];
};

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const dur = (ms: number | null) => (ms === null ? "—" : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`);
/** Table cells: a pipe or line break would break the Markdown table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const para = (s: string) => (s.trim() ? s.trim() : "_Not written yet._");

/** The postmortem as Markdown (the export download). */
export function renderPostmortemMarkdown(d: PostmortemDoc): string {
  const L: string[] = [];
  L.push(`# Postmortem: [${d.incident.severity}] #${d.incident.number} ${d.incident.title}`, "");
  L.push(`- Status: ${d.status}`, `- Owner: ${d.owner ?? "—"}`, `- Due: ${utc(d.dueAt)}`, `- Affected components: ${d.components.join(", ") || "—"}`, "");
  L.push("## Durations", "", "| Measure | Duration |", "|---|---|");
  L.push(`| Detection (alert → declared) | ${dur(d.durations.detectionMs)} |`, `| Time to acknowledge | ${dur(d.durations.acknowledgeMs)} |`, `| Time to mitigate | ${dur(d.durations.mitigateMs)} |`, `| Time to resolve | ${dur(d.durations.resolveMs)} |`, `| Customer impact | ${dur(d.durations.customerImpactMs)} |`, "");
  for (const [h, k] of [["Summary", "summary"], ["Impact", "impact"], ["Root cause and contributing factors", "rootCause"], ["What went well", "wentWell"], ["What went wrong", "wentWrong"]] as const) L.push(`## ${h}`, "", para(d.sections[k]), "");
  L.push("## Timeline", "", "| Time (UTC) | Event |", "|---|---|", ...d.timeline.map((e) => `| ${utc(e.at)} | ${cell(e.text)} |`), "");
  L.push("## Suspect changes", "", ...(d.suspectChanges.length ? d.suspectChanges.map((c) => `- CR #${c.number}: ${cell(c.description)}`) : ["None."]), "");
  L.push("## Maintenance windows", "", ...(d.maintenance.length ? d.maintenance.map((m) => `- ${cell(m.title)} (${utc(m.start)} – ${utc(m.end)})`) : ["None."]), "");
  L.push("## Follow-up actions", "", "| Action | Owner | Due | Status | Change |", "|---|---|---|---|---|");
  L.push(...d.followUps.map((f) => `| ${cell(f.title)} | ${cell(f.owner ?? "—")} | ${f.dueAt ? f.dueAt.toISOString().slice(0, 10) : "—"} | ${f.status} | ${f.changeNumber ? `CR #${f.changeNumber}` : "—"} |`));
  return `${L.join("\n")}\n`;
}
