import { BRIDGE_ERROR_CODE, BridgeFailure } from './failure';
import { messagesOf, networkFailure } from './http-answer';
import type { BridgeOptions } from './options';
import { readToken } from './token';

type JsonRpcId = string | number;

export interface BridgeIo {
  /** Writes one JSON-RPC message (or batch) to the client: one line on stdout. */
  send(message: unknown): void;
  /** One line of diagnostics for the person reading the client's logs: stderr. */
  log(line: string): void;
}

/**
 * Forwards each line the MCP client writes (one JSON-RPC message or batch) as one POST to
 * SessionDock's stateless `/mcp`, and writes what comes back. Every request gets an answer: when
 * SessionDock cannot give one, a JSON-RPC error saying what to do. Lines are forwarded as they
 * arrive, each on its own, so a slow tool call never holds up the next request.
 */
export class Bridge {
  /** The version `initialize` agreed, sent as MCP-Protocol-Version as the transport requires. */
  private protocolVersion: string | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: BridgeOptions,
    private readonly io: BridgeIo,
  ) {}

  accept(line: string): void {
    const work = this.forward(line).catch((error: unknown) =>
      this.io.log(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves once every line accepted so far has been answered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async forward(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.io.send(errorResponse(null, -32700, 'Parse error: the line is not JSON.'));
      return;
    }
    const ids = requestIds(message);
    try {
      const answers = await this.post(text);
      if (answers.length === 0 && ids.length > 0) {
        throw new BridgeFailure('not_sessiondock', 'SessionDock accepted the request but sent no answer.');
      }
      for (const answer of answers) {
        this.remember(message, answer);
        this.io.send(withRequestIds(answer, message, ids));
      }
    } catch (error) {
      const failure = error instanceof BridgeFailure ? error : networkFailure(error, this.options);
      this.io.log(`${describe(message)}: ${failure.message}`);
      if (ids.length === 0) return;
      const data = {
        reason: failure.reason,
        ...(failure.status !== undefined && { status: failure.status }),
      };
      const errors = ids.map((id) => errorResponse(id, BRIDGE_ERROR_CODE, failure.message, data));
      this.io.send(Array.isArray(message) ? errors : errors[0]);
    }
  }

  /** One POST with the token as the file holds it now; once more if it was rotated meanwhile. */
  private async post(body: string, retried = false): Promise<unknown[]> {
    const token = await readToken(this.options.tokenPath);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        // A redirect could take the token elsewhere: SessionDock never sends one.
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${token}`,
          // A fresh connection each time: none left open to find closed when the API is switched
          // off (SessionDock then refuses the connection: a clear "not running"), none to linger.
          connection: 'close',
          ...(this.protocolVersion !== null && { 'mcp-protocol-version': this.protocolVersion }),
        },
        body,
      });
    } catch (error) {
      throw networkFailure(error, this.options);
    }
    try {
      return await messagesOf(response, this.options);
    } catch (error) {
      const rotated = async () => (await readToken(this.options.tokenPath).catch(() => token)) !== token;
      if (
        error instanceof BridgeFailure &&
        error.reason === 'unauthorized' &&
        !retried &&
        (await rotated())
      ) {
        return this.post(body, true);
      }
      throw error;
    }
  }

  private remember(message: unknown, answer: unknown): void {
    if ((message as { method?: unknown }).method !== 'initialize') return;
    const version = (answer as { result?: { protocolVersion?: unknown } }).result?.protocolVersion;
    if (typeof version === 'string') this.protocolVersion = version;
  }
}

/**
 * The ids of the requests in a message or batch: what must get an answer (a malformed request
 * too, so its error reaches the client). Responses (an id, no method) and notifications get none.
 */
function requestIds(message: unknown): JsonRpcId[] {
  const all = Array.isArray(message) ? message : [message];
  return all.flatMap((item) => {
    if (typeof item !== 'object' || item === null || !('method' in item)) return [];
    const { id } = item as { id?: unknown };
    return typeof id === 'string' || typeof id === 'number' ? [id] : [];
  });
}

/**
 * An error SessionDock could only address to `null` (it refused the whole body) is given the
 * request's id, so the client can match it instead of waiting for an answer that never comes.
 */
function withRequestIds(answer: unknown, message: unknown, ids: JsonRpcId[]): unknown {
  const { id, error } = answer as { id?: unknown; error?: unknown };
  if (Array.isArray(answer) || id !== null || error === undefined || ids.length === 0) return answer;
  const addressed = ids.map((requestId) => ({ ...(answer as object), id: requestId }));
  return Array.isArray(message) ? addressed : addressed[0];
}

function errorResponse(id: JsonRpcId | null, code: number, message: string, data?: unknown): unknown {
  return { jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined && { data }) } };
}

/** How a message is named in the logs: its method, never its arguments. */
function describe(message: unknown): string {
  const all = Array.isArray(message) ? message : [message];
  const methods = all.map((item) => (item as { method?: unknown })?.method ?? 'response');
  return methods.join(', ');
}
