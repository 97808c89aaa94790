import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, LIBRARY_FILE_NAME, type Core } from '../../src/main/core/create-core';
import { API_WRITERS, expectedTags } from '../fixtures/crash-writer';
import { corruptFilesIn, makeTempDir, removeTempDirs } from '../helpers/library-files';

const ROOT = join(__dirname, '..', '..');
const WRITER = 'test/fixtures/crash-writer.ts';
const ROUNDS = 5;
const MIN_ACKS = 5;
const SESSION_ID = /^session_[0-9a-z]{26}$/;

interface Round {
  acked: string[];
  delayMs: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

const running = new Set<ReturnType<typeof spawn>>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  removeTempDirs();
});

function randomDelay(): number {
  return 50 + Math.floor(Math.random() * 351);
}

/**
 * Runs the writer on `dataDir` and SIGKILLs it once `delayMs` have passed since its first
 * acknowledged write and at least MIN_ACKS writes were acknowledged. Resolves with every id the
 * child printed as a complete line (a partial last line is not counted as acknowledged).
 */
function runAndKill(dataDir: string, delayMs: number, via: Via): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WRITER, dataDir, ...(via === 'api' ? ['api'] : [])],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    const acked: string[] = [];
    let pending = '';
    let stderr = '';
    let delayPassed = false;
    let killed = false;
    const fail = (message: string): void => {
      child.kill('SIGKILL');
      reject(new Error(`${message}\nstderr:\n${stderr}`));
    };
    const maybeKill = (): void => {
      if (killed || !delayPassed || acked.length < MIN_ACKS) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // Generous: the writer is a fresh tsx process loading the whole core; a busy 2-core machine can take long.
    const guard = setTimeout(() => fail('the writer did not reach the kill point within 30 s'), 30_000);

    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!SESSION_ID.test(line)) return fail(`unexpected line from the writer: ${JSON.stringify(line)}`);
        if (acked.length === 0) {
          setTimeout(() => {
            delayPassed = true;
            maybeKill();
          }, delayMs);
        }
        acked.push(line);
      }
      maybeKill();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => fail(`could not start the writer: ${error.message}`));
    // 'close' comes after stdout has ended, so every line the child wrote has been read.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(child);
      if (!killed) return fail(`the writer exited on its own (code ${code}, signal ${signal})`);
      resolve({ acked, delayMs, signal, stderr });
    });
  });
}

/** Copies the library and its WAL as the killed child left them (there is no live process now). */
function snapshotOf(dataDir: string): string {
  const copy = join(makeTempDir('sessiondock-crash-copy-'), 'data');
  mkdirSync(copy);
  for (const suffix of ['', '-wal']) {
    const from = join(dataDir, LIBRARY_FILE_NAME + suffix);
    if (existsSync(from)) copyFileSync(from, join(copy, LIBRARY_FILE_NAME + suffix));
  }
  return copy;
}

/** Everything that must hold for a library after any number of crashes. */
function expectSound(core: Core, acked: string[], context: string): void {
  expect(core.libraryProblem, `${context}: not considered damaged`).toBeNull();
  expect(core.diagnostics.lastError(), context).toBeNull();
  expect(core.db.pragma('integrity_check', { simple: true }), context).toBe('ok');
  expect(core.db.pragma('foreign_key_check'), context).toEqual([]);
  // The full-text index agrees with the sessions it indexes.
  expect(
    () => core.db.exec("INSERT INTO sessions_fts (sessions_fts) VALUES ('integrity-check')"),
    context,
  ).not.toThrow();
  // Tag usage counts (kept by triggers) match the tag links.
  const drift = core.db
    .prepare(
      `SELECT t.key, t.usage_count, (SELECT count(*) FROM session_tags st WHERE st.tag_key = t.key) AS actual
       FROM tags t WHERE t.usage_count <> (SELECT count(*) FROM session_tags st WHERE st.tag_key = t.key)`,
    )
    .all();
  expect(drift, `${context}: tag usage counts`).toEqual([]);

  const present = new Set(core.db.prepare('SELECT id FROM sessions').pluck().all() as string[]);
  const missing = acked.filter((id) => !present.has(id));
  expect(missing, `${context}: acknowledged sessions missing after the kill`).toEqual([]);

  // Each acknowledged session has its final, acknowledged state.
  for (const id of acked) {
    const session = core.sessions.get(id);
    const match = /^Take (\d+) \(edited\)$/.exec(session.title);
    expect(match, `${context}: title of ${id}`).not.toBeNull();
    expect(session.status, `${context}: status of ${id}`).toBe('mixing');
    expect(session.tags, `${context}: tags of ${id}`).toEqual(expectedTags(Number(match![1])));
  }
}

type Via = 'services' | 'api';

describe('crash safety', () => {
  it.each([
    // The window's path: services called directly, each write committed on its own.
    { via: 'services' as const, unacknowledgedPerRound: 2 },
    // The API's path: concurrent HTTP writes sharing group commits, acknowledged once committed.
    { via: 'api' as const, unacknowledgedPerRound: 2 * API_WRITERS },
  ])(
    `every acknowledged write ($via) survives SIGKILL at a random moment (${ROUNDS} rounds)`,
    { timeout: 120_000 },
    async ({ via, unacknowledgedPerRound }) => {
      const dataDir = join(makeTempDir('sessiondock-crash-'), 'data');
      const acked: string[] = [];
      const log: string[] = [];

      for (let round = 1; round <= ROUNDS; round++) {
        const result = await runAndKill(dataDir, randomDelay(), via);
        const context = `round ${round} (killed ${result.delayMs} ms after the first ack, ${result.acked.length} acks)`;
        log.push(context);
        expect(result.signal, `${context}: ${result.stderr}`).toBe('SIGKILL');
        expect(result.acked.length, context).toBeGreaterThanOrEqual(MIN_ACKS);
        acked.push(...result.acked);
        expect(new Set(acked).size, `${context}: ids are unique`).toBe(acked.length);

        // Check a copy of the crashed state, so the next child starts on the real crash leftovers
        // (including a hot WAL) rather than on a library the parent closed cleanly.
        const copy = snapshotOf(dataDir);
        const core = createCore({ dataDir: copy });
        try {
          expectSound(core, acked, context);
        } finally {
          core.close();
        }
        expect(corruptFilesIn(copy), context).toEqual([]);
        expect(corruptFilesIn(dataDir), context).toEqual([]);
      }

      // Finally, the real data dir, as the last killed child left it.
      const core = createCore({ dataDir });
      try {
        expectSound(core, acked, `final check after ${log.join('; ')}`);
        const total = core.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
        // Per round, only the sessions (and scratch sessions) in flight at the kill may be unacknowledged.
        expect(total).toBeGreaterThanOrEqual(acked.length);
        expect(total).toBeLessThanOrEqual(acked.length + unacknowledgedPerRound * ROUNDS);
      } finally {
        core.close();
      }
      expect(corruptFilesIn(dataDir)).toEqual([]);
    },
  );
});
