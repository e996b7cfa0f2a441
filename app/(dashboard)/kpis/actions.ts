"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import { recordCosts } from "@/lib/kpis/record-costs";

/** Form → command input: the amount is a number (an empty or malformed one stays a string, so zod names the field). */
function costInput(form: FormData) {
  const input = formToObject(form);
  const raw = typeof input.amount === "string" ? input.amount.trim().replace(",", ".") : "";
  input.amount = raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw || undefined;
  if (input.note === "") delete input.note;
  return input;
}

export const recordCostAction = defineAction(async (args) => ({ count: (await recordCosts(args)).entries.length }), {
  toInput: costInput,
  onSuccess: () => revalidatePath("/kpis"),
  message: "Cost recorded.",
});
