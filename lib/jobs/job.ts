/**
 * A background job: a plain `run(now)` that does what is due and is
 * idempotent, so several OpsGate instances may run the same job on one
 * PostgreSQL (row locks or unique keys decide who does what). Each job is
 * defined in lib/jobs/<name>-job.ts and registered in JOBS (lib/jobs/start.ts);
 * the work itself is a domain verb in lib/<area>/.
 */
export type Job = {
  name: string;
  intervalMs: () => number;
  run: (now: Date) => Promise<unknown>;
  /** the next instant work is due (e.g. an escalation threshold): the next run starts then if sooner than the interval */
  nextDueAt?: (now: Date) => Promise<Date | null>;
};
