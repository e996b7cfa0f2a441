import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { enqueue } from "@/lib/jobs/outbox";
import { DeliveryError } from "@/lib/notify/channels";
import type { LabelMatcher } from "./rules";

/** Changes whose window should silence alerts: approved and not yet over. */
const SILENCING: readonly string[] = ["Approved", "Scheduled", "InProgress"];

export type SilenceSpec = { matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[]; startsAt: string; endsAt: string; createdBy: string; comment: string };
export type SilencePayload = { windowId: string; componentId: string } & ({ action: "upsert"; silence: SilenceSpec } | { action: "expire" });

/**
 * Alertmanager matchers of a component: its own label matchers, else
 * `component="<name>"` (the label OpsGate matches alerts by). Pure.
 */
export function componentMatchers(c: { name: string; alertMatchers: unknown }): SilenceSpec["matchers"] {
  const own = Array.isArray(c.alertMatchers) ? (c.alertMatchers as LabelMatcher[]) : [];
  const list = own.length ? own : [{ name: "component", value: c.name }];
  return list.map((m) => ({ name: m.name, value: m.value, isRegex: !!m.isRegex, isEqual: true }));
}

/**
 * Brings the Alertmanager silences of maintenance windows in line with their
 * state, inside the caller's transaction (approve, transition, window edit):
 * a window linked to an approved/scheduled/in-progress change gets one
 * silence per component on each OPSGATE_ALERTMANAGER_URL (matchers from the
 * component, the window's interval, comment "CR-n / MW-n"); a moved window
 * updates it; a window whose changes were cancelled, completed or failed
 * expires it. Messages go through the outbox (retries, Deliveries page); the
 * dedupe key holds the desired state, so an unchanged window enqueues nothing.
 */
export async function syncWindowSilences(tx: Tx, windowIds: string[], now: Date) {
  const urls = getEnv().OPSGATE_ALERTMANAGER_URL;
  if (!urls.length || !windowIds.length) return 0;
  const windows = await tx.maintenanceWindow.findMany({
    where: { id: { in: [...new Set(windowIds)] } },
    select: {
      id: true,
      number: true,
      windowStart: true,
      windowEnd: true,
      cancelledAt: true,
      components: { select: { component: { select: { id: true, name: true, alertMatchers: true } } } },
      changes: { select: { change: { select: { number: true, status: true } } } },
      silences: { select: { componentId: true, alertmanager: true, silenceId: true, expiredAt: true } },
    },
  });
  const messages: Parameters<typeof enqueue>[1] = [];
  for (const w of windows) {
    const live = w.changes.filter((c) => SILENCING.includes(c.change.status)).map((c) => c.change.number);
    const wanted = live.length > 0 && w.windowEnd > now && !w.cancelledAt;
    const comment = `${live.length ? live.map((n) => `CR-${n}`).join(", ") : "CR-?"} / MW-${w.number}`;
    for (const url of urls) {
      for (const { component } of w.components) {
        const existing = w.silences.find((s) => s.componentId === component.id && s.alertmanager === url);
        let payload: SilencePayload;
        if (wanted) {
          payload = {
            windowId: w.id,
            componentId: component.id,
            action: "upsert",
            silence: { matchers: componentMatchers(component), startsAt: w.windowStart.toISOString(), endsAt: w.windowEnd.toISOString(), createdBy: "OpsGate", comment: `${comment} (${component.name})` },
          };
        } else if (existing && !existing.expiredAt) {
          payload = { windowId: w.id, componentId: component.id, action: "expire" };
        } else continue;
        const state = createHash("sha256").update(JSON.stringify(payload)).digest("hex").slice(0, 24);
        messages.push({ channel: "alertmanager_silence", target: url, subject: `Silence ${payload.action} · MW-${w.number} · ${component.name}`, payload, dedupeKey: `silence:${w.id}:${component.id}:${url}:${state}` });
      }
    }
  }
  return enqueue(tx, messages, now);
}

/** Windows linked to a change (the change's approval or transition re-syncs them). */
export async function windowIdsOfChange(tx: Tx, changeId: string) {
  return (await tx.changeMaintenance.findMany({ where: { changeId }, select: { windowId: true } })).map((l) => l.windowId);
}

/**
 * Delivers one silence message: POST /api/v2/silences (with the stored id,
 * so Alertmanager replaces it when the window moved) or DELETE
 * /api/v2/silence/{id}. The target is operator configuration, not user input.
 */
export async function deliverSilence(m: { target: string; payload: unknown }, opts: { timeoutMs?: number } = {}) {
  const p = m.payload as SilencePayload;
  const key = { windowId_componentId_alertmanager: { windowId: p.windowId, componentId: p.componentId, alertmanager: m.target } };
  const row = await db.maintenanceSilence.findUnique({ where: key, select: { silenceId: true, expiredAt: true } });
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 5000);
  const fail = async (res: Response) => {
    throw new DeliveryError(`Alertmanager answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  };
  try {
    if (p.action === "expire") {
      if (!row?.silenceId || row.expiredAt) return;
      const res = await fetch(`${m.target}/api/v2/silence/${encodeURIComponent(row.silenceId)}`, { method: "DELETE", signal });
      if (!res.ok && res.status !== 404) await fail(res);
      await db.maintenanceSilence.update({ where: key, data: { expiredAt: new Date() } });
      return;
    }
    const body = { ...(row?.silenceId && !row.expiredAt ? { id: row.silenceId } : {}), ...p.silence };
    let res = await fetch(`${m.target}/api/v2/silences`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
    if (res.status === 404 && "id" in body) {
      // the silence is gone on that Alertmanager (restart without storage): create a new one
      const { id: _id, ...fresh } = body;
      void _id;
      res = await fetch(`${m.target}/api/v2/silences`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fresh), signal });
    }
    if (!res.ok) await fail(res);
    const { silenceID } = (await res.json()) as { silenceID: string };
    await db.maintenanceSilence.upsert({ where: key, create: { windowId: p.windowId, componentId: p.componentId, alertmanager: m.target, silenceId: silenceID }, update: { silenceId: silenceID, expiredAt: null } });
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    throw new DeliveryError(`Alertmanager unreachable: ${(err as Error).message}`);
  }
}
