import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";
import { runHandoffs } from "@/lib/oncall/handoffs";

/** Writes the handoff packet of every rotation whose handoff passed, and reminds the outgoing on-call of packets unacknowledged after 30 min (issue 13). */
export const handoffsJob: Job = { name: "handoffs", intervalMs: () => Math.max(getEnv().OPSGATE_TICK_MS, 10_000), run: runHandoffs };
