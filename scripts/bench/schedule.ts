/**
 * Benchmark: 10 rotations × one year of shifts (daily handoff, a few
 * overrides each) through the pure schedule. Target < 50 ms.
 * Run: npx tsx --conditions=react-server scripts/bench/schedule.ts
 */
import { performance } from "node:perf_hooks";
import { shiftsFor, type ScheduleOverride, type ScheduleRotation } from "../../lib/oncall/schedule";
import { millisecondsInDay } from "date-fns/constants";

const DAY = millisecondsInDay;
const from = new Date("2026-01-01T00:00:00.000Z");
const to = new Date(from.getTime() + 365 * DAY);

const rotations: { rotation: ScheduleRotation; overrides: ScheduleOverride[] }[] = Array.from({ length: 10 }, (_, r) => ({
  rotation: {
    id: `r${r}`,
    name: `Rotation ${r}`,
    role: "SRE",
    shiftMinutes: 1440,
    handoffMinuteUtc: 540,
    anchorAt: new Date("2025-06-01T09:00:00.000Z"),
    members: Array.from({ length: 2 + (r % 5) }, (_, i) => ({ userId: `u${r}-${i}`, position: i })),
  },
  // one override a week, mid-shift, 6 hours
  overrides: Array.from({ length: 52 }, (_, w) => ({
    id: `o${r}-${w}`,
    userId: `cover${r}`,
    startsAt: new Date(from.getTime() + w * 7 * DAY + 13 * 3_600_000),
    endsAt: new Date(from.getTime() + w * 7 * DAY + 19 * 3_600_000),
  })),
}));

function run() {
  let shifts = 0;
  for (const { rotation, overrides } of rotations) {
    const res = shiftsFor(rotation, overrides, from, to);
    if (!res.ok) throw new Error(res.error.message);
    shifts += res.shifts.length;
  }
  return shifts;
}

const firstStart = performance.now();
run(); // the very first run, before the JIT warms up
const first = performance.now() - firstStart;
for (let i = 0; i < 5; i++) run(); // warm-up (JIT)
const times: number[] = [];
let shifts = 0;
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  shifts = run();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
console.log(`10 rotations × 365 days (+52 overrides each): ${shifts} segments`);
console.log(`median ${p(0.5)} ms · p95 ${p(0.95)} ms · max ${times.at(-1)!.toFixed(2)} ms · first (cold) run ${first.toFixed(2)} ms (target < 50 ms)`);
if (Number(p(0.95)) >= 50 || first >= 50) process.exitCode = 1;
