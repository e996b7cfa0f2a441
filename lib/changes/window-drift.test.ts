import { describe, expect, it } from "vitest";
import { windowsToClose, type LinkedWindow } from "./window-drift";

const t = (s: string) => new Date(s);
const w = (id: string, start: string, end: string, cancelledAt: Date | null = null): LinkedWindow => ({ id, number: Number(id.slice(1)), windowStart: t(start), windowEnd: t(end), cancelledAt });
const W1 = w("w1", "2026-12-10T02:00:00Z", "2026-12-10T04:00:00Z");

describe("windowsToClose", () => {
  it("ends the open window, cancels later ones, leaves past and cancelled ones", () => {
    const past = w("w3", "2026-12-01T02:00:00Z", "2026-12-01T04:00:00Z");
    const later = w("w4", "2026-12-20T02:00:00Z", "2026-12-20T04:00:00Z");
    const gone = w("w5", "2026-12-21T02:00:00Z", "2026-12-21T04:00:00Z", t("2026-12-02T00:00:00Z"));
    const r = windowsToClose([past, W1, later, gone], t("2026-12-10T03:00:00Z"));
    expect(r.end.map((x) => x.id)).toEqual(["w1"]);
    expect(r.cancel.map((x) => x.id)).toEqual(["w4"]);
    expect(windowsToClose([W1], t("2026-12-10T04:00:00Z"))).toEqual({ end: [], cancel: [] });
    expect(windowsToClose([W1], t("2026-12-03T00:00:00Z"))).toEqual({ end: [], cancel: [W1] });
  });
});
