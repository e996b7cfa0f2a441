import pino from "pino";

/** Structured JSON logs (one object per line). Level from LOG_LEVEL. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "opsgate" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
