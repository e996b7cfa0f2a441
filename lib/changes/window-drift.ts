/**
 * Keeping a change and its maintenance windows together (pure): completing
 * or failing it early ends the window it is in and cancels the ones still to
 * come, so the public page never shows a window "Scheduled" for work that is
 * already over.
 */

export type LinkedWindow = { id: string; number: number; windowStart: Date; windowEnd: Date; cancelledAt: Date | null };

const live = (ws: readonly LinkedWindow[]) => ws.filter((w) => !w.cancelledAt);
const inside = (w: LinkedWindow, now: Date) => w.windowStart.getTime() <= now.getTime() && now.getTime() < w.windowEnd.getTime();

/** What completing or failing the change at `now` does to its windows: the open one ends now, later ones are cancelled. */
export function windowsToClose(windows: readonly LinkedWindow[], now: Date): { end: LinkedWindow[]; cancel: LinkedWindow[] } {
  const ws = live(windows).filter((w) => w.windowEnd.getTime() > now.getTime());
  return { end: ws.filter((w) => inside(w, now)), cancel: ws.filter((w) => w.windowStart.getTime() > now.getTime()) };
}
