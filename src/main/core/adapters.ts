/** What the core asks of its host; the shell, headless mode and tests each supply their own. */

/** Launches a project with the operating system's handler for it (its DAW). */
export interface Opener {
  openPath(path: string): Promise<void>;
}

/** Shows, restores and focuses the window and selects a session in it. */
export interface WindowFocus {
  /** Resolves false when the window is gone (destroyed). */
  focusSession(sessionId: string): Promise<boolean>;
}

export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Plain lines on stderr: the headless default, keeping stdout for the one "listening" line. */
export const stderrLogger: Logger = {
  info: (message, details) => writeLine('info', message, details),
  warn: (message, details) => writeLine('warn', message, details),
  error: (message, details) => writeLine('error', message, details),
};

function writeLine(level: string, message: string, details?: Record<string, unknown>): void {
  const suffix = details ? ` ${JSON.stringify(details)}` : '';
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}${suffix}\n`);
}
