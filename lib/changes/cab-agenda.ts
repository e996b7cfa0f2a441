/**
 * The CAB agenda (issue 18) as text, pure: one row per change awaiting the
 * approver, in planned-start order, as Markdown (a table for the weekly
 * meeting's notes) or CSV (RFC 4180 quoting).
 */
export type CabRow = {
  number: number;
  description: string;
  component: string;
  kind: string;
  riskLevel: string | null;
  structural: boolean;
  plannedStart: string | null;
  plannedEnd: string | null;
  requester: string;
  gate: { done: number; total: number; missing: string[] };
  conflicts: string[];
  freezes: string[];
};

const when = (r: CabRow) => (r.plannedStart ? `${r.plannedStart.slice(0, 16).replace("T", " ")} – ${(r.plannedEnd ?? "").slice(0, 16).replace("T", " ")} UTC` : "not planned");
const gateText = (r: CabRow) => (r.gate.missing.length ? `${r.gate.done}/${r.gate.total} (missing: ${r.gate.missing.join(", ")})` : `${r.gate.done}/${r.gate.total}`);
const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function cabAgendaMarkdown(rows: readonly CabRow[], title: string): string {
  const head = ["| CR | Description | Component | Kind | Risk | Planned | Requester | Gate | Conflicts | Freezes |", "|---|---|---|---|---|---|---|---|---|---|"];
  const body = rows.map((r) =>
    `| CR-${r.number} | ${md(r.description)} | ${md(r.component)} | ${r.kind} | ${r.riskLevel ?? "—"}${r.structural ? " (structural)" : ""} | ${when(r)} | ${md(r.requester)} | ${md(gateText(r))} | ${md(r.conflicts.join("; ") || "none")} | ${md(r.freezes.join("; ") || "none")} |`,
  );
  return [`# ${title}`, "", ...(rows.length ? [...head, ...body] : ["No changes await approval."]), ""].join("\n");
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function cabAgendaCsv(rows: readonly CabRow[]): string {
  const header = ["number", "description", "component", "kind", "risk", "structural", "plannedStart", "plannedEnd", "requester", "gateDone", "gateTotal", "gateMissing", "conflicts", "freezes"];
  const lines = rows.map((r) =>
    [`CR-${r.number}`, r.description, r.component, r.kind, r.riskLevel ?? "", String(r.structural), r.plannedStart ?? "", r.plannedEnd ?? "", r.requester, String(r.gate.done), String(r.gate.total), r.gate.missing.join("; "), r.conflicts.join("; "), r.freezes.join("; ")]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
