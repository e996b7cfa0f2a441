import { remindEmergencyApprovals } from "@/lib/changes/emergency-reminder-job";
import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";

/** Reminds approvers of Emergency changes before (and at) their 24 h retroactive-approval deadline (issue 18). */
export const emergencyApprovalRemindersJob: Job = { name: "emergency-approval-reminders", intervalMs: () => Math.max(getEnv().OPSGATE_TICK_MS, 10_000), run: remindEmergencyApprovals };
