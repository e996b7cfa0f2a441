import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { assertRouteParams, parseInput } from "@/lib/validation";

/* Issue 11, hole 8: input the database cannot store is a 400 naming the field, in the one shared helper. */

const schema = z.object({ title: z.string().max(200), tags: z.array(z.string().max(20)).max(5).default([]), when: z.coerce.date().optional(), meta: z.record(z.string(), z.string()).optional() });

const fieldsOf = (input: unknown) => {
  try {
    parseInput(schema, input);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields;
  }
};

describe("parseInput refuses unstorable values with the field name", () => {
  it.each([
    [{ title: "a\u0000b" }, "title", /NUL/],
    [{ title: "\ud800" }, "title", /surrogate/],
    [{ title: "ok\udc00" }, "title", /surrogate/],
    [{ title: "x", tags: ["fine", "bad\u0000"] }, "tags.1", /NUL/],
    [{ title: "x", when: "0000-01-01" }, "when", /0001 and 9999/],
    [{ title: "x", when: "+010000-01-01T00:00:00Z" }, "when", /0001 and 9999/],
    [{ title: "x", meta: { "k\u0000": "v" } }, "meta.k?", /field name/],
  ])("%j → %s", (input, field, message) => {
    const fields = fieldsOf(input);
    expect(fields?.[field]).toMatch(message);
  });

  it("accepts ordinary text, emoji (paired surrogates) and real dates", () => {
    expect(fieldsOf({ title: "Grüße 🚀 ünïcode", when: "2026-12-02" })).toBeNull();
  });
});

describe("assertRouteParams", () => {
  it.each(["\u0000", "a\u0000", "\ud800", "a\nb", "x".repeat(201)])("refuses %j", (id) => {
    expect(() => assertRouteParams({ id })).toThrow(ValidationError);
  });
  it("accepts ids", () => {
    expect(() => assertRouteParams({ id: "cmx5mwa420002437dyp0pqb4o", n: "%00" })).not.toThrow();
  });
});
