/** Why the bridge could not get SessionDock's answer; `data.reason` in the JSON-RPC error. */
export type FailureReason =
  | 'not_running'
  | 'connection_lost'
  | 'token_missing'
  | 'token_unreadable'
  | 'unauthorized'
  | 'refused'
  | 'not_sessiondock';

/**
 * The JSON-RPC error code of every answer the bridge writes itself (the range JSON-RPC leaves to
 * implementations; the SDK uses -32000 and -32001 for its own connection errors).
 */
export const BRIDGE_ERROR_CODE = -32050;

/** A failure with a message written for the person who reads it in their MCP client. */
export class BridgeFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
