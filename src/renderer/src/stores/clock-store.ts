// "Now", ticking every 30 s, so relative times ("5 minutes ago") stay true without each row
// running its own timer (and without reading the clock during render).
import { create } from 'zustand';

const TICK_MS = 30_000;

export const useClockStore = create<{ now: number }>()(() => ({ now: Date.now() }));

setInterval(() => useClockStore.setState({ now: Date.now() }), TICK_MS);

/** Call after a change that just happened, so its "just now" is not compared with a stale clock. */
export function tickClock(): void {
  useClockStore.setState({ now: Date.now() });
}
