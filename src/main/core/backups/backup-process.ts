import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { setPriority } from 'node:os';

/** One copy: `source` is copied to `partial`, checked, synced, then renamed to `target`. */
export interface BackupJob {
  /** The database to copy (the library, or a backup being restored). */
  source: string;
  /** Where the copy is written first: a name no listing takes for a backup. */
  partial: string;
  /** The copy's name once it is complete and checked. */
  target: string;
}

/** What the copy turned out to be. */
export interface BackupReport {
  /** Bytes of the finished file. */
  size: number;
  /** `user_version` of the copy. */
  schemaVersion: number;
  /** Whether the copy has a `sessions` table (a SessionDock library, not any SQLite file). */
  hasSessions: boolean;
  /** Milliseconds for the copy itself, and for the whole job (copy, check, sync, rename). */
  copyMs: number;
  totalMs: number;
  /** CPU time the copy process used (its start included): what the job costs on an idle machine. */
  cpuMs: number;
}

/**
 * Why a copy failed. `damaged`: SQLite found the source (or the copy) corrupt or not a database,
 * so there is no sound copy to make; otherwise the copy could not be written (disk full, a
 * folder that cannot be written, the process killed).
 */
export class BackupProcessError extends Error {
  constructor(
    message: string,
    readonly damaged: boolean,
  ) {
    super(message);
    this.name = 'BackupProcessError';
  }
}

/**
 * The copy, run with `node -e` (Electron as Node in the app) so neither the copy nor SQLite's
 * syncs of it ever run on the app's event loop: better-sqlite3's backup() stepping on the main
 * thread copies pages quickly, but the destination connection it opens syncs its journal when its
 * cache spills and the whole file at its commit, 150–400 ms each on a 100,000-session library,
 * and it offers no way to relax that connection's `synchronous`.
 *
 * The script opens the source read-only, copies it with better-sqlite3's db.backup() (SQLite's
 * online backup) in one step, so the copy is one read transaction: a consistent snapshot while
 * the app goes on writing through its WAL; switches the copy to a rollback journal (one file,
 * nothing beside it); checks it with `integrity_check` on a read-only connection; fsyncs it;
 * renames it to its final name and syncs the folder. Any failure removes the partial file. With
 * `watchParent`, the parent's end (stdin closes) abandons the copy before it is named complete.
 * Prints one JSON line.
 */
const SCRIPT = `'use strict';
(async function () {
  var fs = require('fs');
  var path = require('path');
  var report = function (result) { process.stdout.write(JSON.stringify(result) + '\\n'); };
  var job = JSON.parse(process.argv[2]);
  var parentGone = false;
  if (job.watchParent) {
    process.stdin.on('data', function () {});
    process.stdin.on('end', function () { parentGone = true; });
    process.stdin.on('error', function () { parentGone = true; });
  }
  var removePartial = function () {
    ['', '-journal', '-wal', '-shm'].forEach(function (suffix) {
      try { fs.rmSync(job.partial + suffix, { force: true }); } catch (error) {}
    });
  };
  var Database;
  try { Database = require(process.argv[1]); }
  catch (error) { return report({ failed: 'better-sqlite3 did not load: ' + error.message }); }
  var started = Date.now();
  var copyMs = 0;
  var created = ['-wal', '-shm'].filter(function (suffix) { return !fs.existsSync(job.source + suffix); });
  var source = null;
  try {
    removePartial();
    source = new Database(job.source, { readonly: true, fileMustExist: true });
    // The first step only starts the backup; the second copies every page in one read transaction.
    await source.backup(job.partial, { progress: function () { return 0x7fffffff; } });
    copyMs = Date.now() - started;
    source.close();
    source = null;
    var copy = new Database(job.partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    var check = new Database(job.partial, { readonly: true, fileMustExist: true });
    // A larger page cache than SQLite's 2 MB: the check revisits the b-trees' inner pages.
    check.pragma('cache_size = -65536');
    var messages;
    var schemaVersion;
    var hasSessions;
    try {
      messages = check.pragma('integrity_check').map(function (row) { return row.integrity_check; });
      schemaVersion = check.pragma('user_version', { simple: true });
      hasSessions = Boolean(check.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get());
    } finally {
      check.close();
    }
    if (!(messages.length === 1 && messages[0] === 'ok')) {
      removePartial();
      return report({ corrupt: 'integrity check: ' + messages.slice(0, 3).join('; ') });
    }
    var fd = fs.openSync(job.partial, 'r+');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
    // Lets the parent's end, if it came during the copy, be heard before the copy is named complete.
    await new Promise(function (resolve) { setImmediate(resolve); });
    if (parentGone) { removePartial(); return report({ failed: 'abandoned: SessionDock ended during the backup' }); }
    fs.renameSync(job.partial, job.target);
    if (process.platform !== 'win32') {
      var dir = fs.openSync(path.dirname(job.target), 'r');
      try { fs.fsyncSync(dir); } finally { fs.closeSync(dir); }
    }
    var cpu = process.cpuUsage();
    report({ ok: true, size: fs.statSync(job.target).size, schemaVersion: schemaVersion, hasSessions: hasSessions, copyMs: copyMs, totalMs: Date.now() - started, cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
  } catch (error) {
    if (source) { try { source.close(); } catch (closing) {} }
    removePartial();
    var code = String(error && error.code);
    var corrupt = code.indexOf('SQLITE_CORRUPT') === 0 || code === 'SQLITE_NOTADB';
    report(corrupt ? { corrupt: error.message } : { failed: (error && error.code ? error.code + ': ' : '') + (error && error.message) });
  } finally {
    // A read-only connection makes empty -wal/-shm files beside a closed WAL database: not ours to leave.
    created.forEach(function (suffix) {
      var file = job.source + suffix;
      try { if (fs.existsSync(file) && (suffix === '-shm' || fs.statSync(file).size === 0)) fs.rmSync(file, { force: true }); } catch (error) {}
    });
    // Stops listening for the parent's end, so the process ends once its report is written.
    if (job.watchParent) process.stdin.destroy();
  }
})();
`;

interface ScriptReport {
  ok?: true;
  size?: number;
  schemaVersion?: number;
  hasSessions?: boolean;
  copyMs?: number;
  totalMs?: number;
  cpuMs?: number;
  corrupt?: string;
  failed?: string;
}

export interface RunningBackup {
  /** Resolves with the report, rejects with BackupProcessError. */
  readonly done: Promise<BackupReport>;
  /** Kills the copy (its partial file is removed by `removePartialFiles`); true when it was running. */
  stop(): boolean;
}

function processArgs(job: BackupJob, watchParent: boolean): string[] {
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
  return ['-e', SCRIPT, betterSqlite3, JSON.stringify({ ...job, watchParent })];
}

// In the app, process.execPath is Electron: run it as plain Node.
const CHILD_ENV = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };

export interface RunBackupOptions {
  /** For automatic backups: the app's own work comes first. */
  lowPriority?: boolean;
  /**
   * Keep this process alive until the copy ends (headless `--backup-now`). By default the copy
   * never holds the process: an app that ends abandons it.
   */
  holdProcess?: boolean;
}

/**
 * Runs a copy in a child process. The child abandons its copy unfinished (and unnamed) when this
 * process ends.
 */
export function runBackupProcess(job: BackupJob, options: RunBackupOptions = {}): RunningBackup {
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, processArgs(job, true), {
      env: CHILD_ENV,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (error) {
    return { done: Promise.reject(new BackupProcessError(describe(error), false)), stop: () => false };
  }
  let finished = false;
  if (!options.holdProcess) {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref();
  }
  child.stdin!.on('error', () => {});
  const done = new Promise<BackupReport>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => {
      finished = true;
      reject(new BackupProcessError(describe(error), false));
    });
    child.on('spawn', () => {
      if (!options.lowPriority || child.pid === undefined) return;
      try {
        setPriority(child.pid, 10);
      } catch {
        // A lower priority is a courtesy; the copy runs either way.
      }
    });
    child.on('close', (code, signal) => {
      finished = true;
      try {
        resolve(reportOf(stdout, stderr, code, signal));
      } catch (error) {
        reject(error);
      }
    });
  });
  done.catch(() => {});
  return {
    done,
    stop() {
      if (finished) return false;
      child.kill('SIGKILL');
      return true;
    },
  };
}

const SYNC_TIMEOUT_MS = 15 * 60_000;

/** The same copy, waited for: for the backup before a migration, made before anything is served. */
export function runBackupProcessSync(job: BackupJob): BackupReport {
  const result = spawnSync(process.execPath, processArgs(job, false), {
    env: CHILD_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    maxBuffer: 1024 * 1024,
    // Far beyond a million-session library's minute or so: only a copy that hangs meets it.
    timeout: SYNC_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error) throw new BackupProcessError(describe(result.error), false);
  return reportOf(
    result.stdout.toString('utf8'),
    result.stderr.toString('utf8'),
    result.status,
    result.signal,
  );
}

/** Removes what a killed copy left under its partial name. */
export function removePartialFiles(partial: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
}

function reportOf(
  stdout: string,
  stderr: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): BackupReport {
  let report: ScriptReport | null;
  try {
    report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ScriptReport;
  } catch {
    report = null;
  }
  if (report?.ok) {
    return {
      size: report.size ?? 0,
      schemaVersion: report.schemaVersion ?? 0,
      hasSessions: report.hasSessions ?? false,
      copyMs: report.copyMs ?? 0,
      totalMs: report.totalMs ?? 0,
      cpuMs: report.cpuMs ?? 0,
    };
  }
  if (report?.corrupt !== undefined) throw new BackupProcessError(report.corrupt, true);
  throw new BackupProcessError(
    report?.failed ??
      `the backup process ended (${signal ?? `code ${code}`}) without a result${stderr ? `: ${stderr.trim()}` : ''}`,
    false,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
