import { describe, expect, it } from "vitest";
import { checkPostmortemTransition, nextPostmortemStatuses } from "./state-machine";

const written = { summary: "DB failover", impact: "Checkout down 20 min", rootCause: "Disk full", wentWell: "", wentWrong: "" };
const owner = { id: "u1", mayPublishAny: false };

describe("checkPostmortemTransition", () => {
  it("moves Draft → In review → Published for the owner once the required sections are written", () => {
    expect(checkPostmortemTransition({ status: "Draft", ownerId: "u1", ...written }, "InReview", owner)).toEqual({ ok: true });
    expect(checkPostmortemTransition({ status: "InReview", ownerId: "u1", ...written }, "Published", owner)).toEqual({ ok: true });
  });

  it("refuses skipping review and leaving Published", () => {
    expect(checkPostmortemTransition({ status: "Draft", ownerId: "u1", ...written }, "Published", owner)).toMatchObject({ ok: false, field: "status" });
    expect(checkPostmortemTransition({ status: "Published", ownerId: "u1", ...written }, "Draft", owner)).toMatchObject({ ok: false, field: "status" });
    expect(checkPostmortemTransition({ status: "Published", ownerId: "u1", ...written }, "InReview", owner)).toMatchObject({ ok: false });
  });

  it("lets a review send it back to Draft even with empty sections", () => {
    expect(checkPostmortemTransition({ status: "InReview", ownerId: "u1", ...written, rootCause: "" }, "Draft", owner)).toEqual({ ok: true });
  });

  it("names the first missing required section", () => {
    expect(checkPostmortemTransition({ status: "Draft", ownerId: "u1", ...written, impact: "  " }, "InReview", owner)).toMatchObject({ ok: false, field: "impact" });
    expect(checkPostmortemTransition({ status: "InReview", ownerId: "u1", ...written, rootCause: "" }, "Published", owner)).toMatchObject({ ok: false, field: "rootCause" });
  });

  it("publishing is for the owner or someone who may publish any, as a forbidden refusal", () => {
    const pm = { status: "InReview" as const, ownerId: "u1", ...written };
    expect(checkPostmortemTransition(pm, "Published", { id: "u2", mayPublishAny: false })).toMatchObject({ ok: false, forbidden: true });
    expect(checkPostmortemTransition(pm, "Published", { id: "u2", mayPublishAny: true })).toEqual({ ok: true });
    expect(checkPostmortemTransition(pm, "Draft", { id: "u2", mayPublishAny: false })).toEqual({ ok: true });
  });

  it("lists next statuses", () => {
    expect(nextPostmortemStatuses("Draft")).toEqual(["InReview"]);
    expect(nextPostmortemStatuses("InReview")).toEqual(["Draft", "Published"]);
    expect(nextPostmortemStatuses("Published")).toEqual([]);
  });
});
