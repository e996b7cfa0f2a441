/**
 * The "Incident Communication" block (SPEC.md §3) as plain text, the format
 * people paste into chat. Pure; shared by the incident page and the API.
 */
import { formatUtc } from "@/lib/utils";

export type BlockInput = {
  title: string;
  severity: string;
  status: string;
  impact: string;
  currentAction: string;
  eta: Date | string | null | undefined;
  commanderName: string | null | undefined;
  componentNames?: string[];
};

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();

export function renderIncidentBlock(i: BlockInput): string {
  const affected = i.componentNames?.length ? ` (affected: ${i.componentNames.join(", ")})` : "";
  return [
    `INCIDENT: ${oneLine(i.title)}`,
    `SEVERITY: ${i.severity}`,
    `STATUS: ${i.status}`,
    `IMPACT: ${oneLine(i.impact)}${affected}`,
    `CURRENT_ACTION: ${oneLine(i.currentAction)}`,
    `ETA: ${i.eta ? formatUtc(i.eta) : "—"}`,
    `COMMANDER: ${i.commanderName ?? "—"}`,
  ].join("\n");
}

/** MTTA (declared → acknowledged) and MTTR (declared → resolved) in ms, null while unknown. */
export function incidentTimings(i: { declaredAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null }) {
  return {
    mttaMs: i.acknowledgedAt ? i.acknowledgedAt.getTime() - i.declaredAt.getTime() : null,
    mttrMs: i.resolvedAt ? i.resolvedAt.getTime() - i.declaredAt.getTime() : null,
  };
}
