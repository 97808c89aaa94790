import { RETRY_MS, type LiveEventBody } from './live-event';

/**
 * The Server-Sent Events wire format. Each event is serialised once, to bytes every subscriber
 * gets as they are: `id: <id>\nevent: <type>\ndata: <one-line JSON>\n\n`. JSON.stringify escapes
 * CR and LF inside strings, so `data` is always one line.
 */
export function eventFrame(id: string, body: LiveEventBody, at: Date): Buffer {
  return Buffer.from(`id: ${id}\nevent: ${body.type}\ndata: ${dataOf(body, at)}\n\n`);
}

/** A `resync` told to one client only (about its Last-Event-ID): no id, the preamble set its position. */
export function resyncFrame(body: Extract<LiveEventBody, { type: 'resync' }>, at: Date): Buffer {
  return Buffer.from(`event: ${body.type}\ndata: ${dataOf(body, at)}\n\n`);
}

/** `{type, at, …payload}` as one line of JSON. */
function dataOf(body: LiveEventBody, at: Date): string {
  const { type, ...payload } = body;
  return JSON.stringify({ type, at: at.toISOString(), ...payload });
}

/**
 * A stream's first bytes: the reconnection delay, a comment, and the stream's position as an id
 * with no data (an EventSource records it without dispatching anything), so a client that
 * reconnects before any event arrived still resumes from where it started.
 */
export function streamPreamble(positionId: string): Buffer {
  return Buffer.from(`retry: ${RETRY_MS}\n: SessionDock live events\nid: ${positionId}\n\n`);
}

export const HEARTBEAT = Buffer.from(': heartbeat\n\n');
