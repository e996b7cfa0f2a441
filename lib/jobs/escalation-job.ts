import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { nextEscalationDueAt, tickEscalations } from "@/lib/oncall/tick-escalations";

/** Pages the next escalation level of every open, unacknowledged incident; wakes at the next threshold. */
export const escalationJob: Job = { name: "escalation", intervalMs: () => getEnv().OPSGATE_TICK_MS, run: tickEscalations, nextDueAt: (now) => nextEscalationDueAt(now) };
