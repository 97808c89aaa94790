import http from 'node:http';
import net from 'node:net';

/**
 * HTTP helpers for what fetch (undici) refuses to send: a raw Host header, odd bytes in the path,
 * arbitrary header names and values, bodies on any method, a chosen keep-alive agent. Plus a raw
 * socket exchange for requests no HTTP client would write at all.
 */

export interface RawRequestOptions {
  method?: string;
  /** The request target exactly as written on the request line (no encoding is applied). */
  path: string;
  /** Sent as given; a `host` entry replaces the default `127.0.0.1:<port>`. */
  headers?: Record<string, string>;
  /** No Host header at all (HTTP/1.1 clients always send one; see `rawExchange` for HTTP/1.0). */
  omitHost?: boolean;
  body?: string | Buffer;
  /** An agent to reuse sockets on; by default each request gets a fresh connection. */
  agent?: http.Agent | false;
  /** The address to connect to (127.0.0.1 unless given). */
  address?: string;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function rawRequest(port: number, options: RawRequestOptions): Promise<RawResponse> {
  const { method = 'GET', path, body, address = '127.0.0.1', timeoutMs = 10_000 } = options;
  const headers: Record<string, string> = { ...options.headers };
  const hasHost = Object.keys(headers).some((name) => name.toLowerCase() === 'host');
  if (!hasHost && !options.omitHost) headers.host = `127.0.0.1:${port}`;
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: address,
        port,
        method,
        path,
        headers,
        setHost: false,
        agent: options.agent ?? false,
      },
      (response) => {
        // A stream (GET /events) never ends by itself: its head is the answer.
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          response.destroy();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: '', json: undefined });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.setTimeout(timeoutMs, () => {
      request.destroy(new Error(`no answer to ${method} ${path.slice(0, 200)} within ${timeoutMs} ms`));
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/**
 * Writes `data` on a fresh TCP connection and returns everything the server sent back before it
 * closed the connection (or `timeoutMs` passed).
 */
export function rawExchange(port: number, data: string | Buffer, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(data);
  });
}

/** Splits a raw HTTP/1.1 response into its status code and body (the first response only). */
export function parseRawResponse(raw: string): { status: number; head: string; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  let body = end === -1 ? '' : raw.slice(end + 4);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) body = body.slice(0, Number(length[1]));
  return { status, head, body };
}

/** Resolves with the error code of a TCP connection attempt, or 'connected' if it succeeded. */
export function tryConnect(address: string, port: number, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('ETIMEDOUT');
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? String(error));
    });
  });
}
