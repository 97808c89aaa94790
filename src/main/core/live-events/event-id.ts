import { randomBytes } from 'node:crypto';

/**
 * Event ids are `<runId>-<seq>`: the run id is random per hub (so an id from an earlier run is
 * recognised as foreign after a restart), seq counts the run's events from 1; `<runId>-0` is the
 * position before the first event.
 */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

export function formatEventId(runId: string, seq: number): string {
  return `${runId}-${seq}`;
}

/** The seq of an id of this run; null when the id is malformed or another run's. */
export function seqOfEventId(runId: string, id: string): number | null {
  const prefix = `${runId}-`;
  if (!id.startsWith(prefix)) return null;
  const digits = id.slice(prefix.length);
  if (!/^(0|[1-9]\d{0,15})$/.test(digits)) return null;
  const seq = Number(digits);
  return Number.isSafeInteger(seq) ? seq : null;
}
