// A debounce with a ceiling: runs `flush` once things go quiet for `quietMs`, and at the latest
// `maxMs` after the first call of a burst, so a steady stream of events (an import's reads) still
// shows progress instead of waiting for the stream to end.
import type { TimerHandle, Timers } from '../lib/store-deps';

export interface BatchTimer {
  /** Asks for a flush; calls within one burst share it. */
  schedule(): void;
  /** Flushes on the next turn, whatever is pending. */
  now(): void;
  cancel(): void;
}

export function createBatchTimer(
  timers: Timers,
  quietMs: number,
  maxMs: number,
  flush: () => void,
): BatchTimer {
  let quiet: TimerHandle | undefined;
  let ceiling: TimerHandle | undefined;

  const run = (): void => {
    cancel();
    flush();
  };
  const cancel = (): void => {
    timers.clearTimeout(quiet);
    timers.clearTimeout(ceiling);
    quiet = undefined;
    ceiling = undefined;
  };

  return {
    schedule() {
      timers.clearTimeout(quiet);
      quiet = timers.setTimeout(run, quietMs);
      ceiling ??= timers.setTimeout(run, Math.max(quietMs, maxMs));
    },
    now() {
      timers.clearTimeout(quiet);
      quiet = timers.setTimeout(run, 0);
      ceiling ??= timers.setTimeout(run, 0);
    },
    cancel,
  };
}
