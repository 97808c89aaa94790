import http from 'node:http';

/** One dispatched Server-Sent Event, with its data parsed as JSON. */
export interface SseEvent {
  id: string | null;
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when the answer was not a stream (an error envelope). */
  text: string;
  events: SseEvent[];
  comments: string[];
  /** The `retry:` value seen, if any. */
  retry: number | null;
  /** What an EventSource would send as Last-Event-ID on reconnecting. */
  lastEventId(): string;
  /** Resolves when the server has ended or cut off the stream. */
  ended: Promise<'end' | 'error'>;
  isEnded(): boolean;
  close(): void;
}

export interface SseOptions {
  token?: string | null;
  lastEventId?: string;
  headers?: Record<string, string>;
  path?: string;
  /** What to keep of each event (tests that receive many megabytes keep a summary). */
  keep?: (event: SseEvent) => SseEvent;
}

/**
 * A Server-Sent Events client over node:http that parses the stream as the WHATWG rules say
 * (fields, comments, ids without data), for tests that read what a real EventSource would see.
 * Resolves once the response head arrived.
 */
export function openEventStream(
  port: number,
  token: string | null,
  options: SseOptions = {},
): Promise<SseStream> {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: options.path ?? '/api/v1/events', headers, agent: false },
      (response) => {
        const stream = parseInto(response, request, options.keep ?? ((event) => event));
        resolve(stream);
      },
    );
    request.on('error', reject);
  });
}

function parseInto(
  response: http.IncomingMessage,
  request: http.ClientRequest,
  keep: (event: SseEvent) => SseEvent,
): SseStream {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let lastId = '';
  let retry: number | null = null;
  let text = '';
  let data: string[] = [];
  let eventType = '';
  let ended = false;
  const isStream = (response.headers['content-type'] ?? '').startsWith('text/event-stream');
  const line = (raw: string): void => {
    if (raw === '') {
      if (data.length > 0) {
        const joined = data.join('\n');
        let parsed: unknown = joined;
        try {
          parsed = JSON.parse(joined);
        } catch {
          // Kept as text.
        }
        events.push(keep({ id: lastId === '' ? null : lastId, event: eventType || 'message', data: parsed }));
      }
      data = [];
      eventType = '';
      return;
    }
    if (raw.startsWith(':')) {
      comments.push(raw.slice(1).trim());
      return;
    }
    const colon = raw.indexOf(':');
    const field = colon === -1 ? raw : raw.slice(0, colon);
    let value = colon === -1 ? '' : raw.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventType = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };
  // Lines are cut from bytes, each decoded on its own: strings sliced from one large text would
  // keep all of it alive (V8 sliced strings), which a test that counts memory would see.
  let pending: Buffer = Buffer.alloc(0);
  response.on('data', (chunk: Buffer) => {
    if (!isStream) {
      text += chunk.toString('utf8');
      return;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let from = 0;
    for (let index = pending.indexOf(0x0a); index !== -1; index = pending.indexOf(0x0a, from)) {
      const end = index > from && pending[index - 1] === 0x0d ? index - 1 : index;
      line(pending.toString('utf8', from, end));
      from = index + 1;
    }
    pending = pending.subarray(from);
  });
  const endedPromise = new Promise<'end' | 'error'>((resolve) => {
    response.on('end', () => resolve('end'));
    response.on('error', () => resolve('error'));
    response.on('close', () => resolve('error'));
    request.on('error', () => resolve('error'));
  }).then((how) => {
    ended = true;
    return how;
  });
  const stream: SseStream = {
    status: response.statusCode ?? 0,
    headers: response.headers,
    get text() {
      return text;
    },
    events,
    comments,
    get retry() {
      return retry;
    },
    lastEventId: () => lastId,
    ended: endedPromise,
    isEnded: () => ended,
    close: () => request.destroy(),
  };
  return stream;
}

/** Polls until `check` holds (generous timeout; no wall-clock assertion). */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
