import type { ScanProblem } from './scan-types';

// Reasons a person can act on, instead of libuv's "EACCES: permission denied, scandir '…'".
const REASON_BY_CODE: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'not found (removed during the scan?)',
  ENOTDIR: 'not a folder',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error (disk or network volume)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ETIMEDOUT: 'timed out (network volume)',
  ENAMETOOLONG: 'path too long',
};

export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function problemFrom(path: string, error: unknown, reasonOverride?: string): ScanProblem {
  const code = errorCode(error);
  const reason =
    reasonOverride ??
    (code !== null ? REASON_BY_CODE[code] : undefined) ??
    (error instanceof Error ? error.message : String(error));
  return { type: 'problem', path, reason, code };
}
