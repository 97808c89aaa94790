import type { AppErrorShape } from './errors';

/** How results cross IPC: the same codes as the Local API, never an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppErrorShape): Result<T> => ({ ok: false, error });
