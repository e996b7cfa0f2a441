import { escalationSteps } from "@/lib/env";
import type { EscalationPolicy } from "@/lib/oncall/escalation";

/** The configured policy from OPSGATE_ESCALATION_STEPS (default 15m,30m,60m); kept out of the pure escalation.ts so it reads no env. */
export function escalationPolicy(): EscalationPolicy {
  return { stepsMs: escalationSteps() };
}
