"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { cancelMaintenance } from "@/lib/maintenance/cancel-maintenance";
import { createMaintenance } from "@/lib/maintenance/create-maintenance";
import { notifyMaintenance } from "@/lib/maintenance/notify-maintenance";
import { updateMaintenance } from "@/lib/maintenance/update-maintenance";

/** FormData → command input: repeated checkboxes become arrays (an empty list is a real value). */
function toInput(form: FormData) {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  return {
    id: one("id"),
    version: one("version"),
    title: one("title"),
    windowStart: one("windowStart"),
    windowEnd: one("windowEnd"),
    componentIds: all("componentIds"),
    type: one("type") || undefined,
    impact: one("impact"),
    rollback: one("rollback") || undefined,
    contact: one("contact"),
    changeIds: all("changeIds"),
  };
}

const createCommand = defineAction(createMaintenance, {
  toInput,
  onSuccess: (w) => {
    revalidatePath("/maintenance");
    redirect(`/maintenance/${w.id}`);
  },
});
const updateCommand = defineAction(updateMaintenance, {
  toInput,
  onSuccess: (w) => {
    revalidatePath("/maintenance");
    redirect(`/maintenance/${w.id}`);
  },
});
const notifyCommand = defineAction(async ({ actor, input }) => {
  const r = await notifyMaintenance({ actor, input });
  return { sent: r.sent, kind: r.kind, recipients: r.recipients };
}, {
  toInput: (form) => ({ id: form.get("id") }),
  onSuccess: () => revalidatePath("/maintenance", "layout"),
});

const cancelCommand = defineAction(async ({ actor, input }) => ({ id: (await cancelMaintenance({ actor, input })).id }), {
  toInput: (form) => ({ id: form.get("id"), version: form.get("version"), reason: form.get("reason") }),
  onSuccess: () => revalidatePath("/maintenance", "layout"),
  message: "Window cancelled.",
});

// A "use server" module may export only async functions.
export async function createMaintenanceAction(...args: Parameters<typeof createCommand>) {
  return createCommand(...args);
}
export async function updateMaintenanceAction(...args: Parameters<typeof updateCommand>) {
  return updateCommand(...args);
}
export async function notifyMaintenanceAction(...args: Parameters<typeof notifyCommand>) {
  return notifyCommand(...args);
}
export async function cancelMaintenanceAction(...args: Parameters<typeof cancelCommand>) {
  return cancelCommand(...args);
}
