/**
 * The two checklists of SPEC.md §2 as pure functions. The Change Approval gate
 * is derived from the request's own data (nobody can tick it); the Production
 * Readiness gate is ticked by people with evidence.
 */
export const APPROVAL_ITEMS = [
  { key: "documented", label: "Change request documented" },
  { key: "riskAssessed", label: "Risk assessment complete" },
  { key: "rollbackPlan", label: "Rollback plan defined" },
  { key: "windowScheduled", label: "Maintenance window scheduled" },
  { key: "stakeholdersNotified", label: "Stakeholders notified" },
  { key: "monitoringPrepared", label: "Monitoring prepared" },
] as const;
export type ApprovalItemKey = (typeof APPROVAL_ITEMS)[number]["key"];

export const READINESS_ITEMS = [
  { key: "provisioned", label: "Infrastructure provisioned" },
  { key: "securityHardened", label: "Security hardening applied" },
  { key: "monitoringConfigured", label: "Monitoring configured" },
  { key: "alertsDefined", label: "Alerts defined" },
  { key: "runbooks", label: "Runbooks created (link)" },
  { key: "drTested", label: "DR tested" },
] as const;
export type ReadinessItemKey = (typeof READINESS_ITEMS)[number]["key"];
export const READINESS_KEYS = READINESS_ITEMS.map((i) => i.key) as [ReadinessItemKey, ...ReadinessItemKey[]];

export type GateItem = { key: string; label: string; done: boolean; derived: boolean; detail: string };

export type GateWindow = { number: number; windowStart: Date; windowEnd: Date; notifiedAt: Date | null };
export type GateChange = {
  type: string | null;
  componentName: string | null;
  description: string | null;
  justification: string | null;
  timeline: Date | null;
  impact: string | null;
  riskLevel: string | null;
  riskAssessment: string | null;
  rollbackPlan: string | null;
  monitoring: string | null;
  windows: GateWindow[];
};

const filled = (v: string | null | undefined) => !!v && v.trim().length > 0;
const iso = (d: Date) => d.toISOString();
const day = (d: Date) => iso(d).slice(0, 10);
const hm = (d: Date) => iso(d).slice(11, 16);

/** "MW-12, 2026-12-01 02:00–04:00 UTC" (the end date is added when it differs). */
export function describeWindow(w: GateWindow): string {
  const end = day(w.windowEnd) === day(w.windowStart) ? hm(w.windowEnd) : `${day(w.windowEnd)} ${hm(w.windowEnd)}`;
  return `MW-${w.number}, ${day(w.windowStart)} ${hm(w.windowStart)}–${end} UTC`;
}

const TEMPLATE_FIELDS: [keyof GateChange, string][] = [
  ["type", "TYPE"],
  ["componentName", "COMPONENT"],
  ["description", "DESCRIPTION"],
  ["justification", "JUSTIFICATION"],
  ["timeline", "TIMELINE"],
  ["impact", "IMPACT"],
];

/** The Change Approval gate: six items, each derived and saying where its state comes from. */
export function approvalGate(change: GateChange): GateItem[] {
  const label = (key: ApprovalItemKey) => APPROVAL_ITEMS.find((i) => i.key === key)!.label;
  const item = (key: ApprovalItemKey, done: boolean, detail: string): GateItem => ({ key, label: label(key), done, derived: true, detail });

  const missingFields = TEMPLATE_FIELDS.filter(([k]) => {
    const v = change[k];
    return v instanceof Date ? false : !filled(v as string | null);
  }).map(([, name]) => name);

  const windows = [...change.windows].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
  const unnotified = windows.filter((w) => !w.notifiedAt);
  const notifiedDetail = !windows.length
    ? "No linked maintenance window to notify about"
    : unnotified.length
      ? `Notification not sent for ${unnotified.map((w) => `MW-${w.number}`).join(", ")}`
      : windows.map((w) => `MW-${w.number} notified ${day(w.notifiedAt!)} ${hm(w.notifiedAt!)} UTC`).join("; ");

  return [
    item("documented", missingFields.length === 0, missingFields.length ? `Missing: ${missingFields.join(", ")}` : "All template fields are filled"),
    item(
      "riskAssessed",
      filled(change.riskLevel) && filled(change.riskAssessment),
      !filled(change.riskLevel) && !filled(change.riskAssessment)
        ? "Needs a risk level and an assessment"
        : !filled(change.riskLevel)
          ? "Needs a risk level"
          : !filled(change.riskAssessment)
            ? `Risk ${change.riskLevel}; needs the assessment text`
            : `Risk ${change.riskLevel}: ${change.riskAssessment!.trim()}`,
    ),
    item("rollbackPlan", filled(change.rollbackPlan), filled(change.rollbackPlan) ? change.rollbackPlan!.trim() : "Needs a rollback plan"),
    item("windowScheduled", windows.length > 0, windows.length ? windows.map(describeWindow).join("; ") : "No maintenance window is linked to this change"),
    item("stakeholdersNotified", windows.length > 0 && unnotified.length === 0, notifiedDetail),
    item("monitoringPrepared", filled(change.monitoring), filled(change.monitoring) ? change.monitoring!.trim() : "Needs a link or note on the dashboards/alerts to watch"),
  ];
}

/** Keys of the approval items that do not hold yet (empty = approvable). */
export function missingApprovalItems(change: GateChange): ApprovalItemKey[] {
  return approvalGate(change)
    .filter((i) => !i.done)
    .map((i) => i.key as ApprovalItemKey);
}

export type ReadinessCheckState = { item: ReadinessItemKey; done: boolean; evidence: string; userName: string; updatedAt: Date };

/** The Production Readiness gate: ticked by people, each with who/when/evidence as the detail. */
export function readinessGate(checks: ReadinessCheckState[]): GateItem[] {
  return READINESS_ITEMS.map(({ key, label }) => {
    const c = checks.find((x) => x.item === key);
    const when = c ? `${day(c.updatedAt)} ${hm(c.updatedAt)} UTC` : "";
    const detail = !c
      ? "Not ticked yet"
      : c.done
        ? `Ticked by ${c.userName} at ${when}: ${c.evidence}`
        : `Unticked by ${c.userName} at ${when}${c.evidence ? ` (${c.evidence})` : ""}`;
    return { key, label, done: !!c?.done, derived: false, detail };
  });
}

export function missingReadinessItems(checks: ReadinessCheckState[]): ReadinessItemKey[] {
  return readinessGate(checks)
    .filter((i) => !i.done)
    .map((i) => i.key as ReadinessItemKey);
}

/** True for an absolute http(s) URL (the runbook item's evidence must be one). */
export function isUrl(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Why evidence is not acceptable for ticking `item`, or undefined when it is. */
export function readinessEvidenceError(item: ReadinessItemKey, done: boolean, evidence: string): string | undefined {
  if (!done) return undefined;
  if (!evidence.trim()) return "Give a note or link as evidence";
  if (item === "runbooks" && !isUrl(evidence)) return "The runbook item needs a link (http:// or https://)";
  return undefined;
}
