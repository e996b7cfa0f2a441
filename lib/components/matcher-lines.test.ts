import { describe, expect, it } from "vitest";
import { formatMatcherLines, matcherFieldError, parseMatcherLines, updateComponentSchema } from "@/lib/components/schemas";

describe("matcher lines (Components form)", () => {
  it("parses name=value and name=~regex, skips blank lines, strips quotes", () => {
    expect(parseMatcherLines(' job=postgres \n\n instance=~"db-0[12]"\r\nteam = dba ')).toEqual([
      { name: "job", value: "postgres", isRegex: false },
      { name: "instance", value: "db-0[12]", isRegex: true },
      { name: "team", value: "dba", isRegex: false },
    ]);
    expect(parseMatcherLines("")).toEqual([]);
  });

  it("round-trips through format", () => {
    const list = [{ name: "job", value: "pg", isRegex: false }, { name: "env", value: "prod|staging", isRegex: true }];
    expect(parseMatcherLines(formatMatcherLines(list))).toEqual(list);
  });

  it("a line without = is refused by the schema, and the error names its line", () => {
    const parsed = updateComponentSchema.safeParse({ alertMatchers: parseMatcherLines("job=pg\nnot a matcher") });
    expect(parsed.success).toBe(false);
    const fields = Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(matcherFieldError(fields)).toMatch(/^Line 2: /);
    expect(matcherFieldError({ alertMatchers: "At most 20 matchers" })).toBe("At most 20 matchers");
    expect(matcherFieldError({ name: "x" })).toBeUndefined();
  });

  it("an invalid regex is refused with a field message on value", () => {
    const parsed = updateComponentSchema.safeParse({ alertMatchers: parseMatcherLines("job=~(") });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["alertMatchers.0.value"]);
  });
});

describe("componentInput (form → API shape)", () => {
  it("maps the IaC fields and the matcher text; an empty repository is null", async () => {
    const { componentInput } = await import("@/lib/components/form-input");
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: "DB", group: "Database", ownerRole: "DBA", iacManaged: "on", iacRepository: " ", alertMatchers: "job=pg\nenv=~prod.*" })) form.set(k, v);
    const input = componentInput(form);
    expect(input).toMatchObject({ iacManaged: true, iacRepository: null, alertMatchers: [{ name: "job", value: "pg", isRegex: false }, { name: "env", value: "prod.*", isRegex: true }] });
    expect(updateComponentSchema.safeParse(input).success).toBe(true);
    form.delete("iacManaged");
    form.set("iacRepository", "https://git.example/infra");
    expect(componentInput(form)).toMatchObject({ iacManaged: false, iacRepository: "https://git.example/infra" });
  });
});
