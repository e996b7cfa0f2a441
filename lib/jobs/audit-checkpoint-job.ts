import { writeAuditCheckpoint } from "@/lib/audit/checkpoint";
import { getEnv } from "@/lib/env";
import type { Job } from "@/lib/jobs/job";

/** The audit log's signed checkpoint (lib/audit/checkpoint.ts): every chain's head, outside the database. */
export const auditCheckpointJob: Job = { name: "audit-checkpoint", intervalMs: () => getEnv().OPSGATE_AUDIT_CHECKPOINT_SECONDS * 1000, run: (now) => writeAuditCheckpoint(now).then(() => undefined) };
