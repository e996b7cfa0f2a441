import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, groupComponents } from "@/lib/components/queries";
import { createComponentSchema, rejectStatusField, updateComponentSchema } from "@/lib/components/schemas";
import { ValidationError } from "@/lib/errors";

describe("component schemas", () => {
  it("trims, and defaults description, public and position", () => {
    expect(createComponentSchema.parse({ name: "  DNS  ", group: " Network ", ownerRole: "NETWORK" })).toEqual({
      name: "DNS",
      group: "Network",
      ownerRole: "NETWORK",
      description: "",
      public: true,
      position: 0,
      iacManaged: false,
    });
  });

  it("enforces the limits at the boundary", () => {
    const base = { group: "g", ownerRole: "DBA" };
    expect(createComponentSchema.safeParse({ ...base, name: "n".repeat(80) }).success).toBe(true);
    expect(createComponentSchema.safeParse({ ...base, name: "n".repeat(81) }).success).toBe(false);
    expect(createComponentSchema.safeParse({ ...base, name: "   " }).success).toBe(false);
    expect(createComponentSchema.safeParse({ name: "n", ownerRole: "DBA", group: "g".repeat(40) }).success).toBe(true);
    expect(createComponentSchema.safeParse({ name: "n", ownerRole: "DBA", group: "g".repeat(41) }).success).toBe(false);
    expect(createComponentSchema.safeParse({ ...base, name: "n", description: "d".repeat(500) }).success).toBe(true);
    expect(createComponentSchema.safeParse({ ...base, name: "n", description: "d".repeat(501) }).success).toBe(false);
    expect(createComponentSchema.safeParse({ ...base, name: "n", position: 1.5 }).success).toBe(false);
    expect(createComponentSchema.safeParse({ ...base, name: "n", position: Number.NaN }).success).toBe(false);
    expect(createComponentSchema.safeParse({ ...base, name: "n", public: "yes" }).success).toBe(false);
    expect(createComponentSchema.safeParse({ name: "n", group: "g", ownerRole: "JANITOR" }).success).toBe(false);
  });

  it("an update must change something; every field is optional", () => {
    expect(updateComponentSchema.safeParse({}).success).toBe(false);
    expect(updateComponentSchema.parse({ public: false })).toEqual({ public: false });
  });

  it("status is never accepted: it is derived", () => {
    expect(rejectStatusField({ name: "x", status: "major_outage" })).toEqual({ status: expect.stringMatching(/derived/) });
    expect(rejectStatusField({ name: "x" })).toBeNull();
    expect(rejectStatusField(null)).toBeNull();
    expect("status" in createComponentSchema.parse({ name: "n", group: "g", ownerRole: "SRE", status: "major_outage" })).toBe(false);
  });
});

describe("component cursor", () => {
  it("round-trips the sort key, including unicode and quotes", () => {
    const key = { group: 'Réseau "core"', position: 7, name: "Zürich / DNS" };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it("refuses a forged or garbled cursor with a field error", () => {
    for (const bad of ["garbage", Buffer.from('["a","1","b"]').toString("base64url"), Buffer.from("{}").toString("base64url")]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });

  it("groups rows in order", () => {
    const rows = [
      { group: "A", n: 1 },
      { group: "A", n: 2 },
      { group: "B", n: 3 },
    ];
    expect(groupComponents(rows)).toEqual([
      { group: "A", items: [rows[0], rows[1]] },
      { group: "B", items: [rows[2]] },
    ]);
  });
});
