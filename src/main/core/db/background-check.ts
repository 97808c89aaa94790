import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { setPriority } from 'node:os';
import { describeIntegrity } from './open-library';

/** Where a background check stands; `stopped` means the library closed before it finished. */
export type BackgroundCheckState = 'scheduled' | 'running' | 'ok' | 'damaged' | 'failed' | 'stopped';

export interface BackgroundCheckOutcome {
  state: Extract<BackgroundCheckState, 'ok' | 'damaged' | 'failed' | 'stopped'>;
  /** The damage (`integrity check: …`, or SQLite's corruption error), or why the check could not run. */
  detail: string | null;
}

export interface BackgroundCheckOptions {
  /** How long after start to begin, so the check does not compete with the first requests. */
  delayMs: number;
  onOutcome: (outcome: BackgroundCheckOutcome) => void;
}

/**
 * The check process: plain CommonJS run with `node -e` (the Electron binary as Node in the app),
 * so it needs no file of its own in the build or the package. It opens the library read-only,
 * runs `integrity_check` on one snapshot, and prints one JSON line. SQLite's corruption errors
 * are damage; any other failure means the check could not run.
 */
const CHECK_SCRIPT = `'use strict';
(function () {
  var report = function (result) { process.stdout.write(JSON.stringify(result) + '\\n'); };
  var Database;
  try { Database = require(process.argv[1]); }
  catch (error) { return report({ failed: 'better-sqlite3 did not load: ' + error.message }); }
  var db;
  try {
    db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
    var rows = db.pragma('integrity_check').map(function (row) { return row.integrity_check; });
    report({ messages: rows.slice(0, 3), count: rows.length });
  } catch (error) {
    var code = String(error && error.code);
    var corrupt = code.indexOf('SQLITE_CORRUPT') === 0 || code === 'SQLITE_NOTADB';
    report(corrupt ? { corrupt: error.message } : { failed: code + ': ' + error.message });
  } finally {
    if (db) db.close();
  }
})();
`;

interface CheckReport {
  messages?: string[];
  count?: number;
  corrupt?: string;
  failed?: string;
}

/**
 * The full `integrity_check` of an open library, run in a child process on its own read-only
 * connection: the main event loop stays free, and stopping it is immediate (a worker thread
 * could not be stopped inside SQLite, and would hold the process's exit until the check ended:
 * tens of seconds on a million sessions). The process runs at low priority.
 */
export class BackgroundIntegrityCheck {
  private current: BackgroundCheckState = 'scheduled';
  private timer: NodeJS.Timeout | null = null;
  private child: ChildProcess | null = null;
  private readonly finished: Promise<BackgroundCheckOutcome>;
  private finish!: (outcome: BackgroundCheckOutcome) => void;

  constructor(
    private readonly libraryPath: string,
    private readonly options: BackgroundCheckOptions,
  ) {
    this.finished = new Promise((resolve) => {
      this.finish = (outcome) => {
        if (this.current !== 'scheduled' && this.current !== 'running') return;
        this.current = outcome.state;
        this.child = null;
        resolve(outcome);
        options.onOutcome(outcome);
      };
    });
    this.timer = setTimeout(() => this.run(), Math.max(0, options.delayMs));
    this.timer.unref();
  }

  state(): BackgroundCheckState {
    return this.current;
  }

  /** Resolves when the check has ended, however it ended. */
  outcome(): Promise<BackgroundCheckOutcome> {
    return this.finished;
  }

  /**
   * Stops the check (before the library closes). Returns true when a check process was running:
   * its read lock goes with it a moment later, so the caller may wait for it before checkpointing.
   */
  stop(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    this.finish({ state: 'stopped', detail: null });
    if (!child) return false;
    child.kill('SIGKILL');
    return true;
  }

  private run(): void {
    this.timer = null;
    if (this.current !== 'scheduled') return;
    this.current = 'running';
    let child: ChildProcess;
    try {
      const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
      child = spawn(process.execPath, ['-e', CHECK_SCRIPT, betterSqlite3, this.libraryPath], {
        // In the app, process.execPath is Electron: run it as plain Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      this.finish({ state: 'failed', detail: describe(error) });
      return;
    }
    this.child = child;
    // Never keeps the process alive: quitting stops the check instead.
    child.unref();
    (child.stdout as Socket | null)?.unref();
    (child.stderr as Socket | null)?.unref();
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => this.finish({ state: 'failed', detail: describe(error) }));
    child.on('spawn', () => {
      try {
        if (child.pid !== undefined) setPriority(child.pid, 10);
      } catch {
        // A lower priority is a courtesy; the check runs either way.
      }
    });
    child.on('close', (code, signal) => {
      if (this.child !== child) return;
      this.finish(outcomeOf(stdout, stderr, code, signal));
    });
  }
}

function outcomeOf(
  stdout: string,
  stderr: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): BackgroundCheckOutcome {
  let report: CheckReport | null;
  try {
    report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as CheckReport;
  } catch {
    report = null;
  }
  if (report?.corrupt !== undefined) return { state: 'damaged', detail: report.corrupt };
  if (report?.messages) {
    const problem = describeIntegrity(report.messages);
    return problem ? { state: 'damaged', detail: problem } : { state: 'ok', detail: null };
  }
  const why =
    report?.failed ??
    `the check process ended (${signal ?? `code ${code}`}) without a result${stderr ? `: ${stderr.trim()}` : ''}`;
  return { state: 'failed', detail: why };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
