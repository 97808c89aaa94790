import { BridgeFailure } from './failure';

/** What a failure message needs to say where the bridge looked. */
export interface AnswerContext {
  url: URL;
  tokenPath: string;
}

const OPEN_THE_API = 'open SessionDock and choose Settings → Local API → Read-only or Full Automation';

/**
 * The JSON-RPC messages in SessionDock's answer to one POST: none for a notification (202), one
 * response or a batch as JSON, or each event of a `text/event-stream` answer (the Streamable HTTP
 * transport allows either; SessionDock answers JSON). An answer that is not JSON-RPC is a failure
 * that says what went wrong, in words for the user.
 */
export async function messagesOf(response: Response, context: AnswerContext): Promise<unknown[]> {
  const text = await response.text();
  if (response.status === 401) throw unauthorized(context);
  if ((response.status === 202 || response.status === 204) && text.trim() === '') return [];
  const type = response.headers.get('content-type') ?? '';
  const messages = type.includes('text/event-stream') ? eventData(text) : [parseJson(text)];
  if (messages.length > 0 && messages.every(isJsonRpc)) return messages;
  const envelope = envelopeOf(messages[0]);
  if (envelope) {
    throw new BridgeFailure(
      'refused',
      `SessionDock refused the request (${response.status} ${envelope.code}): ${envelope.message}`,
      response.status,
    );
  }
  throw new BridgeFailure(
    'not_sessiondock',
    `${context.url.href} answered HTTP ${response.status}, not as SessionDock's MCP endpoint: is another ` +
      `program using port ${portOf(context.url)}? Settings → Local API in SessionDock shows its port ` +
      '(give it to the bridge with --port).',
    response.status,
  );
}

/** fetch's own failure (nothing answered) as the user's next step. */
export function networkFailure(error: unknown, context: AnswerContext): BridgeFailure {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') {
    return new BridgeFailure(
      'not_running',
      `SessionDock is not running, or its Local API is disabled (nothing answers on port ` +
        `${portOf(context.url)}): ${OPEN_THE_API}. If SessionDock shows another port there, give it ` +
        'to the bridge with --port. The bridge keeps running: try again once SessionDock is on.',
    );
  }
  return new BridgeFailure(
    'connection_lost',
    `The connection to SessionDock at ${context.url.href} failed before it answered (${code ?? String(error)}): ` +
      `it may have quit or its Local API may have been switched off. If this was a change, check whether ` +
      `it was made before repeating it. If SessionDock is not running, ${OPEN_THE_API}.`,
  );
}

function unauthorized(context: AnswerContext): BridgeFailure {
  return new BridgeFailure(
    'unauthorized',
    `SessionDock refused the token in ${context.tokenPath} (401 unauthorized): the SessionDock on port ` +
      `${portOf(context.url)} keeps its token in another data folder. Give the bridge that folder with ` +
      '--data-dir (the one passed to headless mode), or the port of the SessionDock that uses this ' +
      'folder with --port.',
    401,
  );
}

function portOf(url: URL): string {
  return url.port || '80';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `data` of each event in a complete `text/event-stream` body, as JSON. */
function eventData(text: string): unknown[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data.trim() !== '')
    .map(parseJson);
}

function isJsonRpc(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isJsonRpc);
  return typeof value === 'object' && value !== null && (value as { jsonrpc?: unknown }).jsonrpc === '2.0';
}

/** The Local API's error envelope, `{"error": {"code", "message"}}`, when the answer is one. */
function envelopeOf(value: unknown): { code: string; message: string } | null {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message };
}
