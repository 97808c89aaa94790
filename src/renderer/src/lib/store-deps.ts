// What the stores need from the outside world, handed to their factories instead of read from
// `window` at import time: the bridge to main, timers and the clock. The window wires the real ones
// once (stores/app-stores.ts); unit tests hand in a fake bridge and a hand-driven clock.
import type { SessionDockBridge } from '../../../shared/ipc';

/** Opaque: a browser's timer id or Node's Timeout object, only ever handed back to clearTimeout. */
export type TimerHandle = number | object;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export interface StoreDeps {
  bridge: SessionDockBridge;
  timers: Timers;
  /** Milliseconds since the epoch, like Date.now. */
  now: () => number;
}
