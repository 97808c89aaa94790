// The project pool's promises: every read resolves (never rejects), a worker that crashes or hangs
// on one file fails that file alone, and the files queued behind it are still read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectReadPool } from '../../src/main/core/projects/project-pool';

/** A stand-in worker speaking the pool's protocol: `crash…` exits, `hang…` never answers. */
const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.path.startsWith('crash')) process.exit(3);
  if (job.path.startsWith('hang')) return;
  parentPort.postMessage({ id: job.id, outcome: { status: 'ready', message: null, metadata: { path: job.path } } });
});`;

let dir: string;
let pool: ProjectReadPool | null = null;
afterEach(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fakePool(options: { size?: number; timeoutMs?: number } = {}): ProjectReadPool {
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-pool-'));
  const script = join(dir, 'worker.mjs');
  writeFileSync(script, FAKE_WORKER);
  pool = new ProjectReadPool({ workerScript: script, size: 1, ...options });
  return pool;
}

describe('ProjectReadPool', () => {
  it('answers every read in order of the files, many in flight', async () => {
    const reads = Array.from({ length: 40 }, (_, i) => fakePool().read(`file ${i}`));
    const outcomes = await Promise.all(reads);
    expect(outcomes.map((outcome) => (outcome.metadata as unknown as { path: string }).path)).toEqual(
      Array.from({ length: 40 }, (_, i) => `file ${i}`),
    );
  });

  it('fails only the file a worker crashed on, and reads the ones queued behind it', async () => {
    const p = fakePool();
    const [before, crashed, after] = await Promise.all([p.read('a'), p.read('crash me'), p.read('b')]);
    expect(before.status).toBe('ready');
    expect(crashed).toEqual({
      status: 'unreadable',
      message: 'The project file cannot be read: the project reader stopped on this file (exit code 3).',
      metadata: null,
    });
    expect(after.status).toBe('ready');
  });

  it('gives up on a file that hangs its worker, and reads the rest in a new one', async () => {
    const p = fakePool({ timeoutMs: 300 });
    const [hung, after] = await Promise.all([p.read('hang forever'), p.read('c')]);
    expect(hung.status).toBe('unreadable');
    expect(hung.message).toBe('The project file cannot be read: reading the project took longer than 0.3 s.');
    expect(after.status).toBe('ready');
  });

  it('resolves what is pending when closed, and every later read at once', async () => {
    const p = fakePool();
    const pending = p.read('hang until closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await p.close();
    expect((await pending).message).toBe('The project file cannot be read: SessionDock is closing.');
    expect((await p.read('late')).status).toBe('unreadable');
  });
});
