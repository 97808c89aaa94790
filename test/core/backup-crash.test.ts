import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirOf, parseBackupName } from '../../src/main/core/backups/backup-names';
import { createCore, type Core } from '../../src/main/core/create-core';
import { corruptFilesIn, integrityCheckOf, makeTempDir, removeTempDirs } from '../helpers/library-files';

const ROOT = join(__dirname, '..', '..');
const WORKER = 'test/fixtures/backup-crash-worker.ts';
const ROUNDS = 4;

const running = new Set<ReturnType<typeof spawn>>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  removeTempDirs();
});

interface Round {
  /** Every `W <id>` line: sessions written and committed before the kill. */
  written: string[];
  /** The last `D <path>`: a backup the worker saw complete. */
  backups: string[];
  /** The backup a restore was started from (`R <path>`), or null. */
  restoring: string | null;
  restored: boolean;
  killedAfterMs: number;
  stderr: string;
}

/**
 * Runs the worker and SIGKILLs it `delayMs` after it printed `trigger` (the start of a backup, or
 * of a restore). Resolves with what it printed as complete lines.
 */
function runAndKill(
  dataDir: string,
  mode: 'backup' | 'restore',
  trigger: RegExp,
  delayMs: number,
): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, mode], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const round: Round = {
      written: [],
      backups: [],
      restoring: null,
      restored: false,
      killedAfterMs: delayMs,
      stderr: '',
    };
    let pending = '';
    let armed = false;
    let killed = false;
    const fail = (message: string): void => {
      child.kill('SIGKILL');
      reject(new Error(`${message}\nstderr:\n${round.stderr}`));
    };
    const guard = setTimeout(() => fail('the worker did not reach the kill point within 30 s'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('W ')) round.written.push(line.slice(2));
        else if (line.startsWith('D ')) round.backups.push(line.slice(2));
        else if (line.startsWith('R ')) round.restoring = line.slice(2);
        else if (line === 'RD') round.restored = true;
        if (!armed && trigger.test(line)) {
          armed = true;
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, delayMs);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (round.stderr += chunk.toString('utf8')));
    child.on('error', (error) => fail(`could not start the worker: ${error.message}`));
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(child);
      if (!killed) return fail(`the worker exited on its own (code ${code}, signal ${signal})`);
      resolve(round);
    });
  });
}

/** Partial copies (backups, the restore's staging copy) left in the data folder or its backups. */
function partialFiles(dataDir: string): string[] {
  return [dataDir, backupsDirOf(dataDir)]
    .filter(existsSync)
    .flatMap((dir) => readdirSync(dir).filter((name) => name.includes('.partial')));
}

/** Copy processes (backup-process.ts) still running on this data folder: their job names it. */
function copiesRunningOn(dataDir: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dataDir) && !line.includes(WORKER));
}

/**
 * A copy outlives its killed parent only until it notices the parent's end (between two steps):
 * it then drops its partial file and exits, or, past its last check, names its checked copy
 * complete. Waits for that.
 */
async function waitForAbandonedCopies(dataDir: string): Promise<void> {
  for (let waited = 0; copiesRunningOn(dataDir).length > 0; waited += 100) {
    if (waited > 20_000) throw new Error(`copies still running: ${copiesRunningOn(dataDir).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function idsIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM sessions').pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

/** Every file named like a complete backup is one: sound, and a SessionDock library. */
function expectOnlySoundBackups(dataDir: string, context: string): string[] {
  const dir = backupsDirOf(dataDir);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const backups = names.filter((name) => parseBackupName(name) !== null);
  expect(
    names.filter((name) => !backups.includes(name)),
    `${context}: only backups in the folder`,
  ).toEqual([]);
  for (const name of backups) {
    expect(integrityCheckOf(join(dir, name)), `${context}: ${name}`).toEqual(['ok']);
    expect(idsIn(join(dir, name)).length, `${context}: ${name} holds sessions`).toBeGreaterThan(0);
  }
  return backups;
}

/** The library opens as usual (not moved aside, no problem), passes every check, and takes writes. */
function expectUsableLibrary(dataDir: string, context: string): string[] {
  const core: Core = createCore({
    dataDir,
    automaticBackups: null,
    backgroundCheckDelayMs: null,
    projectReader: null,
    peaksSource: null,
  });
  try {
    expect(core.libraryProblem, context).toBeNull();
    expect(core.db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    expect(core.db.pragma('foreign_key_check'), context).toEqual([]);
    expect(
      () => core.db.exec("INSERT INTO sessions_fts (sessions_fts) VALUES ('integrity-check')"),
      context,
    ).not.toThrow();
    // A restore cut short before its swap leaves its checked copy; opening the library removes it.
    expect(
      readdirSync(dataDir).filter((name) => name.includes('.restoring')),
      context,
    ).toEqual([]);
    const probe = core.sessions.create({ title: 'Probe after the kill' });
    core.sessions.delete(probe.id);
    return (core.db.prepare('SELECT id FROM sessions').pluck().all() as string[]).sort();
  } finally {
    core.close();
  }
}

function randomDelay(maxMs: number): number {
  return Math.floor(Math.random() * maxMs);
}

// `ps` finds the copies a killed worker left running (POSIX, as SIGKILL is).
describe.skipIf(process.platform === 'win32')('crash safety of backups and restores', () => {
  it(
    `a kill during a backup leaves the library intact and no half backup named as complete (${ROUNDS} rounds)`,
    { timeout: 120_000 },
    async () => {
      const dataDir = join(makeTempDir('sessiondock-backup-crash-'), 'data');
      const written: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const result = await runAndKill(dataDir, 'backup', /^B$/, randomDelay(600));
        const context = `round ${round} (killed ${result.killedAfterMs} ms into a backup, ${result.backups.length} backups complete)`;
        written.push(...result.written);
        await waitForAbandonedCopies(dataDir);
        expect(partialFiles(dataDir), context).toEqual([]);
        const backups = expectOnlySoundBackups(dataDir, context);
        // The newest backup completed is kept; earlier ones of the same day are pruned by the rule
        // (one regular backup a day), so when a round completes two, only the last is still there.
        const newest = result.backups.at(-1);
        if (newest !== undefined) expect(backups, context).toContain(newest.split('/').pop());
        const ids = expectUsableLibrary(dataDir, context);
        const present = new Set(ids);
        expect(
          written.filter((id) => !present.has(id)),
          `${context}: written sessions missing`,
        ).toEqual([]);
        expect(corruptFilesIn(dataDir), context).toEqual([]);
      }
    },
  );

  it(
    `a kill during a restore leaves the library as it was or as restored, whole (${ROUNDS} rounds)`,
    { timeout: 120_000 },
    async () => {
      const dataDir = join(makeTempDir('sessiondock-restore-crash-'), 'data');
      const outcomes: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const before = existsSync(join(dataDir, 'library.sqlite'))
          ? expectUsableLibrary(dataDir, `before round ${round}`)
          : [];
        const result = await runAndKill(dataDir, 'restore', /^R /, randomDelay(1000));
        const context = `round ${round} (killed ${result.killedAfterMs} ms into a restore${result.restored ? ', after it finished' : ''})`;
        expect(result.restoring, context).not.toBeNull();
        await waitForAbandonedCopies(dataDir);
        expect(partialFiles(dataDir), context).toEqual([]);
        expectOnlySoundBackups(dataDir, context);

        const ids = expectUsableLibrary(dataDir, context);
        const restoredIds = idsIn(result.restoring!);
        const old = [...new Set([...before, ...result.written])].sort();
        if (result.restored) {
          expect(ids, `${context}: the restored library`).toEqual(restoredIds);
        } else {
          // Whole, one or the other: never a mix, never empty.
          expect([old, restoredIds], `${context}: the old library or the restored one`).toContainEqual(ids);
        }
        outcomes.push(JSON.stringify(ids) === JSON.stringify(restoredIds) ? 'restored' : 'as it was');
        expect(corruptFilesIn(dataDir), context).toEqual([]);
      }
      // Printed for the record: which side of the swap the kills landed on.
      console.log(`restore crash rounds: ${outcomes.join(', ')}`);
    },
  );
});
