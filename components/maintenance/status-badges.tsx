import { Badge } from "@/components/ui/card";
import type { MaintenancePhase, NotificationState } from "@/lib/maintenance/window";

const PHASE: Record<MaintenancePhase, { label: string; tone: "sky" | "amber" | "slate" }> = {
  scheduled: { label: "Scheduled", tone: "sky" },
  in_progress: { label: "In progress", tone: "amber" },
  completed: { label: "Completed", tone: "slate" },
  cancelled: { label: "Cancelled", tone: "slate" },
};
const NOTIFIED: Record<NotificationState, { label: string; tone: "green" | "slate" | "amber" }> = {
  sent: { label: "Notified", tone: "green" },
  not_sent: { label: "Not notified", tone: "slate" },
  needs_renotify: { label: "Edited since notified", tone: "amber" },
};

export function PhaseBadge({ phase }: { phase: MaintenancePhase }) {
  return <Badge tone={PHASE[phase].tone}>{PHASE[phase].label}</Badge>;
}
export function NotificationBadge({ state }: { state: NotificationState }) {
  return <Badge tone={NOTIFIED[state].tone}>{NOTIFIED[state].label}</Badge>;
}
export function ConflictBadge({ count }: { count: number }) {
  if (!count) return null;
  return <Badge tone="red">{count === 1 ? "Conflict" : `${count} conflicts`}</Badge>;
}
