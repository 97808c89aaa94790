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
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'preview_unreadable'
  | 'focus_unavailable'
  | 'internal_error';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

/** Thrown by services for every expected failure; the doors (IPC, HTTP) turn it into their envelope. */
export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function invalidInput(message: string): AppError {
  return new AppError('invalid_input', message);
}

export function sessionNotFound(): AppError {
  return new AppError('not_found', 'session not found');
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
