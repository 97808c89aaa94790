// Asks main for per-session summaries (project columns, artwork) in batches: rows that just loaded
// at once, in the same turn's call; changes announced in bursts (an import, autosave) once the burst
// goes quiet. One call per batch of up to `perCall` ids, never one per row. A session changed while
// its answer was on the way is asked again once that answer is in.
import type { Timers } from '../lib/store-deps';
import { createBatchTimer } from './batch-timer';

export interface SummaryBatcherOptions<T> {
  timers: Timers;
  /** The handler's cap on ids per call. */
  perCall: number;
  /** Bursts of changes: wait this long for the burst to go quiet, but never longer than `laterMaxMs`. */
  laterMs: number;
  laterMaxMs: number;
  fetch(ids: string[]): Promise<Record<string, T>>;
  /** The answer for `ids` (ids left out of it have none). */
  answered(ids: readonly string[], answer: Record<string, T>): void;
  /** The call failed: nothing is shown wrong; the caller decides what to ask again. */
  failed(ids: readonly string[]): void;
}

export interface SummaryBatcher {
  /** Asks for these ids: `now` for rows that just loaded, `later` for announced changes. */
  queue(ids: Iterable<string>, when: 'now' | 'later'): void;
  /** Its answer is on the way: a change now means asking again once it lands. */
  changedWhileAsked(id: string): void;
  isAsked(id: string): boolean;
}

export function createSummaryBatcher<T>(options: SummaryBatcherOptions<T>): SummaryBatcher {
  const queued = new Set<string>();
  const inFlight = new Set<string>();
  const staleInFlight = new Set<string>();

  const fetchQueued = async (): Promise<void> => {
    const ids = [...queued].slice(0, options.perCall);
    for (const id of ids) {
      queued.delete(id);
      inFlight.add(id);
    }
    if (queued.size > 0) soon.now();
    if (ids.length === 0) return;
    try {
      options.answered(ids, await options.fetch(ids));
    } catch {
      options.failed(ids);
    } finally {
      for (const id of ids) inFlight.delete(id);
      const again = ids.filter((id) => staleInFlight.delete(id));
      if (again.length > 0) queue(again, 'later');
    }
  };

  const soon = createBatchTimer(options.timers, 0, 0, () => void fetchQueued());
  const later = createBatchTimer(
    options.timers,
    options.laterMs,
    options.laterMaxMs,
    () => void fetchQueued(),
  );

  const queue = (ids: Iterable<string>, when: 'now' | 'later'): void => {
    let added = false;
    for (const id of ids) {
      if (inFlight.has(id)) staleInFlight.add(id);
      else if (!queued.has(id)) {
        queued.add(id);
        added = true;
      }
    }
    if (added) (when === 'now' ? soon : later).schedule();
  };

  return {
    queue,
    changedWhileAsked(id) {
      if (inFlight.has(id)) staleInFlight.add(id);
    },
    isAsked: (id) => inFlight.has(id),
  };
}
