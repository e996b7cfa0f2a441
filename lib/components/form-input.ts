import { parseMatcherLines } from "@/lib/components/schemas";

/** Form strings → the JSON shape the API takes (same schema either way). */
export function componentInput(form: FormData) {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const position = text("position")?.trim();
  const repository = text("iacRepository")?.trim();
  return {
    name: text("name") ?? "",
    group: text("group") ?? "",
    description: text("description") ?? "",
    ownerRole: text("ownerRole") ?? "",
    public: form.get("public") === "on",
    position: position ? Number(position) : undefined,
    iacManaged: form.get("iacManaged") === "on",
    iacRepository: repository ? repository : null,
    alertMatchers: parseMatcherLines(text("alertMatchers") ?? ""),
  };
}
