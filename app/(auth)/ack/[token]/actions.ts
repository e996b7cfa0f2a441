"use server";

import type { ActionState } from "@/lib/actions/define-action";
import { acknowledgeByLink } from "@/lib/incidents/acknowledge-by-link";
import { ACK_REFUSALS } from "./refusals";

type Done = { number: number; title: string; alreadyAcknowledged: boolean; acknowledgedBy: string | null };

/** Public (the signed link is the credential): acknowledges as the person the page was sent to. */
export async function acknowledgeByLinkAction(_prev: ActionState<Done>, form: FormData): Promise<ActionState<Done>> {
  const res = await acknowledgeByLink({ token: form.get("token") });
  if (!res.ok) return { ok: false, error: ACK_REFUSALS[res.reason] };
  return { ok: true, data: { number: res.number, title: res.title, alreadyAcknowledged: res.alreadyAcknowledged, acknowledgedBy: res.acknowledgedBy }, message: "Acknowledged" };
}
