import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/core/adapters';
import { createCore, type Core } from '../../src/main/core/create-core';
import { ImportService, INTERRUPTED_REASON } from '../../src/main/core/imports/import-service';

let core: Core | null = null;
let dir = '';
afterEach(() => {
  core?.close();
  core = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a job cut off by a crash, on a library that cannot be written', () => {
  it('is still reported as ended with its unreached items failed as interrupted, and the library is left as it was', () => {
    dir = mkdtempSync(join(tmpdir(), 'sessiondock-import-ro-'));
    core = createCore({ dataDir: dir, backgroundCheckDelayMs: null, peaksSource: null, findMixdowns: null });
    const db = core.db;
    // What a process killed after its first item leaves behind.
    db.prepare(
      "INSERT INTO import_jobs (id, created_at, state, duration_ms) VALUES ('import_cut', '2026-01-01T00:00:00.000Z', 'running', 42)",
    ).run();
    const addItem = db.prepare(
      'INSERT INTO import_items (job_id, position, project_path, status, session_id) VALUES (?, ?, ?, ?, ?)',
    );
    addItem.run('import_cut', 0, '/music/a.als', 'imported', 'session_a');
    addItem.run('import_cut', 1, '/music/b.als', 'pending', null);
    db.pragma('query_only = ON');

    // A service starting on it (as at the next start) cannot settle the job in the library.
    const imports = new ImportService(
      db,
      core.sessions,
      core.previews,
      core.events,
      core.clock,
      silentLogger,
      null,
    );
    expect(imports.status('import_cut')).toEqual({
      importId: 'import_cut',
      total: 2,
      completed: 1,
      failed: 1,
      skipped: 0,
      done: true,
      durationMs: 42,
      cancelled: false,
      items: [
        { projectPath: '/music/a.als', status: 'imported', sessionId: 'session_a' },
        { projectPath: '/music/b.als', status: 'failed', reason: INTERRUPTED_REASON },
      ],
    });
    expect(imports.cancel('import_cut')).toMatchObject({ done: true, failed: 1, cancelled: false });
    expect(db.prepare("SELECT state FROM import_jobs WHERE id = 'import_cut'").pluck().get()).toBe('running');
    db.pragma('query_only = OFF');
  });
});
