"use server";

import { revalidatePath } from "next/cache";
import { defineAction, formToObject } from "@/lib/actions/define-action";
import { createIntegration, revokeIntegration } from "@/lib/alerts/integrations";

const refresh = () => revalidatePath("/settings/integrations");

/** "critical=P1, page=P1" → {critical: "P1", page: "P1"}; a malformed pair is left for zod to name. */
function toInput(form: FormData) {
  const input = formToObject(form);
  const text = typeof input.severityMap === "string" ? input.severityMap : "";
  const severityMap = Object.fromEntries(
    text
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split("=").map((s) => s.trim()) as [string, string]),
  );
  return { ...input, severityMap, autoResolve: input.autoResolve === "on" ? "true" : "false" };
}

export const createIntegrationAction = defineAction(createIntegration, { toInput, onSuccess: refresh });
export const revokeIntegrationAction = defineAction(({ actor, input }) => revokeIntegration({ actor, id: String((input as { id?: unknown }).id ?? "") }), { onSuccess: refresh, message: "Key revoked." });
