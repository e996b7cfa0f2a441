import pino from "pino";
import { logEnv } from "@/lib/env";

/** Structured JSON logs (one object per line). Level from LOG_LEVEL (lib/env.ts). */
export const log = pino({
  level: logEnv().LOG_LEVEL,
  base: { service: "opsgate" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
