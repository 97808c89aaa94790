import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { Envelope } from './error-envelope';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  417: 'Expectation Failed',
  431: 'Request Header Fields Too Large',
};

/**
 * Requests so malformed that Node's HTTP parser rejects them never reach Fastify; they still get
 * the documented envelope, written straight to the socket, and the connection is closed.
 */
export function writeEnvelopeToSocket(socket: Socket, envelope: Envelope): void {
  if (!socket.writable) return;
  const body = JSON.stringify({ error: envelope });
  socket.end(
    `HTTP/1.1 ${envelope.status} ${REASONS[envelope.status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
      body,
  );
}

/** What a parser-level failure means to a client. */
export function envelopeForClientError(error: { code?: string }): Envelope {
  // Reported as a documented 400 rather than 431, which the contract does not list.
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 400, code: 'invalid_input', message: 'Request headers (or the URL) are too large.' };
  }
  return { status: 400, code: 'invalid_input', message: 'The request is not valid HTTP.' };
}

/** `Expect:` values other than 100-continue. */
export function refuseExpectation(response: ServerResponse): void {
  const body = JSON.stringify({
    error: { status: 417, code: 'invalid_input', message: 'Only "Expect: 100-continue" is supported.' },
  });
  response.writeHead(417, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  response.end(body);
}
