// Error codes shared by the services, the IPC results and the Local API envelope.

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_input'
  | 'open_failed'
  | 'focus_failed'
  | 'unauthorized'
  | 'read_only'
  | 'forbidden_host'
  | 'forbidden_origin'
  | 'not_found'
  | 'preview_not_found'
  | 'import_not_found'
  | 'collection_not_found'
  | 'artwork_not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'preview_unreadable'
  | 'artwork_unreadable'
  | 'focus_unavailable'
  /** 503: GET /api/v1/events while as many streams as allowed are open. [ours] */
  | 'too_many_streams'
  | 'internal_error';

/**
 * A finer distinction within one code, for callers that act on it (the window offers Relink… for
 * `project_unavailable`). Stable like a code; never told apart by message text. The API's envelope
 * is published as `{status, code, message}` and does not carry it.
 */
export type ErrorReason = 'project_unavailable';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  reason?: ErrorReason;
}

/** Thrown by services for every expected failure; the doors (IPC, HTTP) turn it into their envelope. */
export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): AppErrorShape {
    return this.reason === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, reason: this.reason };
  }
}

export function invalidInput(message: string): AppError {
  return new AppError('invalid_input', message);
}

export function sessionNotFound(): AppError {
  return new AppError('not_found', 'session not found');
}

/** The session has no project path, or nothing is there any more (open, reveal). [published] */
export function projectUnavailable(): AppError {
  return new AppError('open_failed', 'Session project path is unavailable.', 'project_unavailable');
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
