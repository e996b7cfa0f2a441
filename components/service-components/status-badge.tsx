import { Badge } from "@/components/ui/card";
import type { ComponentDto } from "@/lib/components/schemas";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/derive-status";

const TONES = {
  operational: "green",
  under_maintenance: "sky",
  degraded_performance: "amber",
  partial_outage: "amber",
  major_outage: "red",
} as const satisfies Record<ComponentDto["status"], string>;

/** A component's derived status as a labelled badge (text, not colour alone). */
export function ComponentStatusBadge({ status }: { status: ComponentDto["status"] }) {
  return (
    <Badge tone={TONES[status]} data-testid="component-status">
      {COMPONENT_STATUS_LABELS[status]}
    </Badge>
  );
}
