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
        const stream = parseInto(response, request);
        resolve(stream);
      },
    );
    request.on('error', reject);
  });
}

function parseInto(response: http.IncomingMessage, request: http.ClientRequest): SseStream {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let lastId = '';
  let retry: number | null = null;
  let buffer = '';
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
        events.push({ id: lastId === '' ? null : lastId, event: eventType || 'message', data: parsed });
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
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (!isStream) {
      text += chunk;
      return;
    }
    buffer += chunk;
    let index: number;
    while ((index = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const newline = buffer.startsWith('\r\n', index) ? 2 : 1;
      line(buffer.slice(0, index));
      buffer = buffer.slice(index + newline);
    }
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
