import { describe, expect, it } from "vitest";
import { alertDeliveries, countAlertDelivery, deliveryOutcome } from "./instruments";

const none = { opened: false, newAlerts: 0, resolvedAlerts: 0, suppressed: 0 };

describe("alert delivery counter", () => {
  it("names what a delivery did, the first that applies", () => {
    expect(deliveryOutcome({ ...none, opened: true, newAlerts: 2 })).toBe("opened");
    expect(deliveryOutcome({ ...none, newAlerts: 1, resolvedAlerts: 1 })).toBe("added");
    expect(deliveryOutcome({ ...none, resolvedAlerts: 1 })).toBe("resolved");
    expect(deliveryOutcome({ ...none, suppressed: 3 })).toBe("suppressed");
    expect(deliveryOutcome(none)).toBe("duplicate");
  });

  it("counts by integration kind and outcome, failures too, and passes results and errors through", async () => {
    const value = async (kind: string, outcome: string) => (await alertDeliveries().get()).values.find((v) => v.labels.kind === kind && v.labels.outcome === outcome)?.value ?? 0;
    const before = await value("grafana", "opened");
    await expect(countAlertDelivery("grafana", Promise.resolve({ ...none, opened: true }))).resolves.toMatchObject({ opened: true });
    await expect(countAlertDelivery("grafana", Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await value("grafana", "opened")).toBe(before + 1);
    expect(await value("grafana", "failed")).toBe(1);
  });
});
