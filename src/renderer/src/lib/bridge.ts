// The renderer's only door to main: `window.sessionDock`. Calls resolve to a Result; `call` turns
// a failed Result into a thrown BridgeError so stores can use try/catch and still read the code.
import type { ErrorCode, ErrorReason } from '../../../shared/errors';
import type { SessionDockBridge } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';

/** Errors are told apart by `code` (and `reason` within a code), never by their message text. */
export class BridgeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** True when the page runs inside SessionDock (the preload or the e2e harness installed the bridge). */
export function hasBridge(): boolean {
  return (
    typeof window !== 'undefined' && typeof window.sessionDock === 'object' && window.sessionDock !== null
  );
}

export function dock(): SessionDockBridge {
  return window.sessionDock;
}

/** Awaits a bridge call and unwraps its Result; transport failures become `internal_error`. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (error) {
    throw new BridgeError(
      'internal_error',
      `SessionDock could not reach its library (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (result.ok) return result.value;
  throw new BridgeError(result.error.code, result.error.message, result.error.reason);
}

/** A message fit to show a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function codeOf(error: unknown): ErrorCode | null {
  return error instanceof BridgeError ? error.code : null;
}

export function reasonOf(error: unknown): ErrorReason | null {
  return error instanceof BridgeError ? (error.reason ?? null) : null;
}
