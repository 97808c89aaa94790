import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/adapters';

/**
 * The desktop app logs to `<logs>/sessiondock.log`, not stdout. Callers never pass request
 * headers; the Authorization header cannot reach this file.
 */
export function createFileLogger(logDir: string): Logger {
  mkdirSync(logDir, { recursive: true });
  const file = join(logDir, 'sessiondock.log');
  const write = (level: string, message: string, details?: Record<string, unknown>): void => {
    const line = `${new Date().toISOString()} ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`;
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // A full disk must not take the app down with it.
    }
  };
  return {
    info: (message, details) => write('info', message, details),
    warn: (message, details) => write('warn', message, details),
    error: (message, details) => write('error', message, details),
  };
}
