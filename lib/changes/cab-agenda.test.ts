import { describe, expect, it } from "vitest";
import { cabAgendaCsv, cabAgendaMarkdown, type CabRow } from "./cab-agenda";

const row: CabRow = {
  number: 7,
  description: 'Upgrade | "LB" firmware',
  component: "Load balancer",
  kind: "Normal",
  riskLevel: "High",
  structural: true,
  plannedStart: "2026-12-01T02:00:00.000Z",
  plannedEnd: "2026-12-01T04:00:00.000Z",
  requester: "Ana",
  gate: { done: 5, total: 6, missing: ["Stakeholders notified"] },
  conflicts: ["MW-3 DB upgrade (same component (LB))"],
  freezes: [],
};

describe("CAB agenda", () => {
  it("Markdown: one escaped table row per change", () => {
    const out = cabAgendaMarkdown([row], "CAB agenda");
    expect(out).toContain("# CAB agenda");
    expect(out).toContain('| CR-7 | Upgrade \\| "LB" firmware | Load balancer | Normal | High (structural) | 2026-12-01 02:00 – 2026-12-01 04:00 UTC | Ana | 5/6 (missing: Stakeholders notified) | MW-3 DB upgrade (same component (LB)) | none |');
    expect(cabAgendaMarkdown([], "CAB agenda")).toContain("No changes await approval.");
  });
  it("CSV: header plus RFC 4180 quoting", () => {
    const lines = cabAgendaCsv([row]).split("\r\n");
    expect(lines[0]).toBe("number,description,component,kind,risk,structural,plannedStart,plannedEnd,requester,gateDone,gateTotal,gateMissing,conflicts,freezes");
    expect(lines[1]).toBe('CR-7,"Upgrade | ""LB"" firmware",Load balancer,Normal,High,true,2026-12-01T02:00:00.000Z,2026-12-01T04:00:00.000Z,Ana,5,6,Stakeholders notified,MW-3 DB upgrade (same component (LB)),');
  });
});
