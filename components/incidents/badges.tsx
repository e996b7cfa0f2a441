import { Badge } from "@/components/ui/card";

const SEVERITY_TONES = { P1: "red", P2: "amber", P3: "sky", P4: "slate" } as const;
const STATUS_TONES = { Investigating: "red", Identified: "amber", Fixing: "violet", Resolved: "green" } as const;

export const SEVERITY_LABELS: Record<keyof typeof SEVERITY_TONES, string> = {
  P1: "P1 · critical, major outage",
  P2: "P2 · high, partial outage",
  P3: "P3 · moderate, degraded",
  P4: "P4 · low, no visible impact",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge tone={SEVERITY_TONES[severity as keyof typeof SEVERITY_TONES] ?? "slate"} data-testid="incident-severity">
      {severity}
    </Badge>
  );
}

export function IncidentStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status as keyof typeof STATUS_TONES] ?? "slate"} data-testid="incident-status">
      {status}
    </Badge>
  );
}

export function VisibilityBadge({ isPublic }: { isPublic: boolean }) {
  return <Badge tone={isPublic ? "sky" : "slate"}>{isPublic ? "Public" : "Internal"}</Badge>;
}
