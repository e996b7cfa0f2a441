import type { Metadata } from "next";
import Link from "next/link";
import { Countdown } from "@/components/oncall/countdown";
import { CalendarFeeds } from "@/components/oncall/calendar-feeds";
import { DeleteOverrideButton, OverrideForm } from "@/components/oncall/override-form";
import { HandoffPacket } from "@/components/oncall/handoff-packet";
import { PreviewForm } from "@/components/oncall/preview-form";
import { SwapForm, SwapList, type ShiftOption } from "@/components/oncall/swap-form";
import { Timeline } from "@/components/oncall/timeline";
import { Button } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can, ONCALL_ROLES } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listCalendarTokens } from "@/lib/oncall/calendar";
import { getRotationBoard, listEngineers, listPreviewComponents } from "@/lib/oncall/queries";
import { latestHandoffs, listHandoffs } from "@/lib/oncall/handoffs";
import { listSwaps } from "@/lib/oncall/swaps";
import { formatUtc } from "@/lib/utils";
import {
  acknowledgeHandoffAction,
  acceptSwapAction,
  cancelSwapAction,
  createCalendarTokenAction,
  createOverrideAction,
  declineSwapAction,
  deleteOverrideAction,
  previewAction,
  proposeSwapAction,
  revokeCalendarTokenAction,
} from "./actions";

export const metadata: Metadata = { title: "On-call" };
export const dynamic = "force-dynamic";

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export default async function OnCallPage() {
  const actor = await requireActor();
  const now = new Date();
  const [board, people, components, tokens, swaps, myPackets, latestPackets] = await Promise.all([
    getRotationBoard(now),
    listEngineers(),
    listPreviewComponents(),
    listCalendarTokens(actor),
    listSwaps({}, { limit: 20 }, { userId: actor.id }),
    listHandoffs({ mine: "true" }, { limit: 5 }, actor),
    latestHandoffs(),
  ]);
  const mine = myPackets.find((p) => p.incoming.id === actor.id && !p.acknowledgedAt);
  const primary = board.rotations.find((r) => r.role === ONCALL_ROLES.primary);
  const secondary = board.rotations.find((r) => r.role === ONCALL_ROLES.secondary);
  const isArchitect = can(actor.role, "rotations.manage");
  const canOverride = can(actor.role, "overrides.create");
  const serverNow = board.now;
  const canSwap = can(actor.role, "swaps.propose");
  // upcoming scheduled shifts (not overrides) from the 14-day timeline: what the swap form offers
  const upcoming: ShiftOption[] = board.rotations.flatMap((r) =>
    r.timeline.filter((t) => t.source === "rotation" && t.end > serverNow).map((t) => ({ rotationId: r.id, rotationName: r.name, userId: t.userId, userName: t.userName, start: t.start, end: t.end })),
  );
  return (
    <>
      <PageHeader
        title="On-call"
        description="Who is on call now, the next handoffs, the escalation ladder and two weeks of shifts. All times UTC."
        actions={
          isArchitect ? (
            <Button asChild variant="outline">
              <Link href="/oncall/rotations/new">New rotation</Link>
            </Button>
          ) : null
        }
      />

      <section aria-labelledby="now-heading" className="mb-8">
        <h2 id="now-heading" className="sr-only">
          On call now
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {[
            { label: "Primary", rotation: primary },
            { label: "Secondary", rotation: secondary },
          ].map(({ label, rotation }) => (
            <Card key={label} aria-label={`${label} on call`} role="region">
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {label} on call{rotation ? ` · ${rotation.name}` : ""}
              </p>
              <p className="mt-1 text-2xl font-semibold" data-testid={`${label.toLowerCase()}-name`}>
                {rotation?.current?.name ?? "Nobody"}
                {rotation?.current?.source === "override" ? (
                  <Badge tone="amber" className="ml-2 align-middle">
                    override
                  </Badge>
                ) : null}
              </p>
              {rotation?.changesAt ? (
                <p className="mt-2 text-sm">
                  Next handoff in <Countdown target={rotation.changesAt} serverNow={serverNow} label={`${label} next handoff countdown`} /> ·{" "}
                  <span className="text-slate-600 dark:text-slate-400">{formatUtc(rotation.changesAt)}</span>
                </p>
              ) : (
                <p className="mt-2 text-sm text-red-700 dark:text-red-400">{rotation?.error ?? "No rotation for this role"}</p>
              )}
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="handoff-heading" id="handoff" className="mb-8">
        <h2 id="handoff-heading" className="mb-3 text-lg font-semibold">
          Handoff
        </h2>
        {mine ? (
          <Card className="mb-4 border-amber-300 dark:border-amber-800">
            <p className="mb-2 text-sm font-medium">Your handoff packet: read it and acknowledge (the outgoing on-call is notified if it is not acknowledged within 30 minutes).</p>
            <HandoffPacket packet={mine} canAcknowledge action={acknowledgeHandoffAction} />
          </Card>
        ) : null}
        {latestPackets.filter((p) => p.id !== mine?.id).length ? (
          <Card className="space-y-4">
            {latestPackets
              .filter((p) => p.id !== mine?.id)
              .map((p) => (
                <HandoffPacket key={p.id} packet={p} canAcknowledge={p.incoming.id === actor.id} action={acknowledgeHandoffAction} />
              ))}
          </Card>
        ) : !mine ? (
          <p className="text-sm text-slate-500">No handoff packets yet: one is written at each handoff.</p>
        ) : null}
      </section>

      <section aria-labelledby="ladder-heading" className="mb-8">
        <h2 id="ladder-heading" className="mb-3 text-lg font-semibold">
          Escalation ladder
        </h2>
        <Card className="overflow-x-auto p-0">
          <DataTable
            caption="Escalation ladder"
            variant="inset"
            rows={board.ladder}
            rowKey={(l) => l.level}
            columns={[
              { header: "Level", cell: (l) => `Level ${l.level}`, className: "font-medium" },
              { header: "Who is paged", cell: (l) => l.label },
              { header: "From", cell: (l) => l.offset },
              {
                header: "Right now that is",
                cell: (l) => (
                  <ul>
                    {l.people.map((p) => (
                      <li key={p.role}>
                        {l.level === 3 ? <span className="text-slate-500">{p.role}: </span> : null}
                        {p.user ? p.user.name : <span className="text-red-700 dark:text-red-400">Nobody ({p.gap})</span>}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </Card>
        <p className="mt-2 text-xs text-slate-500">Acknowledging an incident stops escalation. Level 3 pages the on-call of each affected component&apos;s owner role.{" "}
          <Link href="/oncall/policy" className="text-sky-700 underline dark:text-sky-400">
            Escalation policy
          </Link>
        </p>
      </section>

      <section aria-labelledby="rotations-heading" className="mb-8">
        <h2 id="rotations-heading" className="mb-3 text-lg font-semibold">
          Rotations
        </h2>
        <div className="space-y-4">
          {board.rotations.map((r) => (
            <Card key={r.id} role="region" aria-label={`Rotation ${r.name}`}>
              <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h3 className="font-semibold">
                    {r.name} <Badge tone="sky">{r.role}</Badge>
                    {r.id === primary?.id ? (
                      <Badge tone="violet" className="ml-1">
                        primary
                      </Badge>
                    ) : null}
                  </h3>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {r.shiftMinutes === 1440 ? "Daily" : r.shiftMinutes === 10080 ? "Weekly" : r.shiftMinutes % 1440 === 0 ? `Every ${r.shiftMinutes / 1440} days` : `Every ${r.shiftMinutes} min`} handoff at {hhmm(r.handoffMinuteUtc)} {r.timeZone} · {r.members.map((m) => (r.inactiveMemberIds.includes(m.id) ? `${m.name} (deactivated)` : m.name)).join(" → ") || "no members"}
                  </p>
                </div>
                <div className="text-right text-sm">
                  <p>
                    On call: <strong data-testid="rotation-current">{r.current?.name ?? "Nobody"}</strong>
                    {r.current?.source === "override" ? " (override)" : ""}
                  </p>
                  {r.changesAt ? (
                    <p className="text-slate-600 dark:text-slate-400">
                      changes in <Countdown target={r.changesAt} serverNow={serverNow} label={`${r.name} next handoff countdown`} />
                    </p>
                  ) : (
                    <p className="text-red-700 dark:text-red-400">{r.error}</p>
                  )}
                  {isArchitect ? (
                    <Link className="text-sky-700 underline dark:text-sky-400" href={`/oncall/rotations/${r.id}`} aria-label={`Edit rotation ${r.name}`}>
                      Edit
                    </Link>
                  ) : null}
                </div>
              </div>
              <Timeline name={r.name} segments={r.timeline} from={board.timelineFrom} to={board.timelineTo} memberIds={r.members.map((m) => m.id)} now={serverNow} />
              {r.gaps.length ? (
                <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950">
                  <p className="font-medium">
                    Gaps: nobody reachable on call (add an override{r.id === primary?.id ? "; changes that would open new gaps in the primary rotation are refused" : ""})
                  </p>
                  <ul aria-label={`Gaps in ${r.name}`}>
                    {r.gaps.map((g) => (
                      <li key={g.start}>
                        {formatUtc(g.start)} – {formatUtc(g.end)}: {g.userName} ({g.reason})
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {r.overrides.length ? (
                <ul className="mt-3 space-y-1 text-sm" aria-label={`Overrides on ${r.name}`}>
                  {r.overrides.map((o) => (
                    <li key={o.id} className="flex flex-wrap items-center gap-2">
                      <Badge tone="amber">override</Badge>
                      {o.userName}: {formatUtc(o.startsAt)} – {formatUtc(o.endsAt)}
                      {o.reason ? <span className="text-slate-500">({o.reason})</span> : null}
                      {isArchitect || o.userId === actor.id ? <DeleteOverrideButton action={deleteOverrideAction} id={o.id} label={`Remove override of ${o.userName} from ${formatUtc(o.startsAt)}`} /> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
          ))}
          {board.rotations.length === 0 ? <p className="text-sm text-slate-500">No rotations yet.</p> : null}
        </div>
      </section>

      {canSwap ? (
        <section aria-labelledby="swaps-heading" id="swaps" className="mb-8">
          <h2 id="swaps-heading" className="mb-3 text-lg font-semibold">
            Shift swaps
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <SwapForm
                action={proposeSwapAction}
                myShifts={upcoming.filter((u) => u.userId === actor.id)}
                otherShifts={upcoming.filter((u) => u.userId !== actor.id)}
                people={people.filter((p) => p.id !== actor.id)}
              />
            </Card>
            <Card>
              <SwapList swaps={swaps.slice(0, 20)} me={actor.id} accept={acceptSwapAction} decline={declineSwapAction} cancel={cancelSwapAction} />
            </Card>
          </div>
        </section>
      ) : null}

      <div className="grid gap-8 lg:grid-cols-2">
        {canOverride ? (
          <section aria-labelledby="override-heading">
            <h2 id="override-heading" className="mb-3 text-lg font-semibold">
              Cover a shift (override)
            </h2>
            <Card>
              <OverrideForm action={createOverrideAction} rotations={board.rotations} people={people} canPickPerson={isArchitect} />
            </Card>
          </section>
        ) : null}
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-3 text-lg font-semibold">
            Escalation preview
          </h2>
          <Card>
            <PreviewForm action={previewAction} components={components} defaultAt={serverNow.slice(0, 19)} />
          </Card>
        </section>
      </div>

      <section aria-labelledby="feeds-heading" className="mt-8">
        <h2 id="feeds-heading" className="mb-3 text-lg font-semibold">
          Calendar feeds
        </h2>
        <Card>
          <CalendarFeeds
            create={createCalendarTokenAction}
            revoke={revokeCalendarTokenAction}
            rotations={board.rotations}
            tokens={tokens.map((t) => ({ id: t.id, label: t.label, createdAt: t.createdAt.toISOString() }))}
          />
        </Card>
      </section>
    </>
  );
}
