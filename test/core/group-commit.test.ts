// Group commit (src/main/core/db/group-commit.ts) on a real library file: writes of one turn of the
// event loop share one transaction, nothing is acknowledged before it is committed, a failing
// write rolls back only itself, and a failed commit is reported instead of acknowledged.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../src/main/ipc/handlers';
import { ApiServer } from '../../src/main/core/api/api-server';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { createTempCore, recordEvents, type TempCore } from '../helpers/temp-core';

/** A second connection to the library file: it sees only what is committed. */
function committedTitles(libraryPath: string): string[] {
  const reader = new Database(libraryPath, { readonly: true });
  try {
    return (reader.prepare('SELECT title FROM sessions ORDER BY title').all() as { title: string }[]).map(
      (row) => row.title,
    );
  } finally {
    reader.close();
  }
}

describe('GroupCommit in the core', () => {
  let t: TempCore;
  beforeEach(() => {
    t = createTempCore();
  });
  afterEach(() => {
    t.cleanup();
  });

  it('keeps the writes of one turn in one transaction until the turn ends', async () => {
    const { core } = t;
    core.writes.begin();
    core.writes.begin(); // a second request of the same turn joins the same batch
    core.sessions.create({ title: 'First' });
    core.sessions.create({ title: 'Second' });
    expect(core.db.inTransaction).toBe(true);
    // Visible on the library's own connection, not yet committed for anyone else.
    expect(core.sessions.list({}).meta.total).toBe(2);
    expect(committedTitles(core.libraryPath)).toEqual([]);

    await core.writes.durable();
    expect(core.db.inTransaction).toBe(false);
    expect(committedTitles(core.libraryPath)).toEqual(['First', 'Second']);
  });

  it('resolves durable() at once when no batch is open', async () => {
    const { core } = t;
    core.sessions.create({ title: 'Alone' });
    expect(core.db.inTransaction).toBe(false);
    await core.writes.durable();
    expect(committedTitles(core.libraryPath)).toEqual(['Alone']);
  });

  it('rolls back only the failing write of a batch', async () => {
    const { core } = t;
    const kept = core.sessions.create({ title: 'Kept' });
    core.writes.begin();
    core.sessions.patch(kept.id, { status: 'mixing' });
    // A write that fails halfway through its own transaction (after changing a row).
    expect(() =>
      core.db.transaction(() => {
        core.db.prepare("UPDATE sessions SET title = 'Half written' WHERE id = ?").run(kept.id);
        throw new Error('fails after writing');
      })(),
    ).toThrow('fails after writing');
    core.sessions.create({ title: 'Also kept' });
    await core.writes.durable();

    expect(committedTitles(core.libraryPath)).toEqual(['Also kept', 'Kept']);
    expect(core.sessions.get(kept.id).status).toBe('mixing');
  });

  it('reports a failed commit: waiters reject, nothing is acknowledged, listeners are told to reload', async () => {
    const { core } = t;
    const recorder = recordEvents(core);
    core.writes.begin();
    const created = core.sessions.create({ title: 'Never saved' });
    const durable = core.writes.durable();
    // What SQLite does by itself on SQLITE_FULL or an I/O error: the whole transaction is gone.
    core.db.exec('ROLLBACK');

    await expect(durable).rejects.toThrow(/rolled back/);
    expect(committedTitles(core.libraryPath)).toEqual([]);
    expect(() => core.sessions.get(created.id)).toThrow('session not found');
    expect(recorder.events.map((event) => event.type)).toEqual(['session.created', 'sessions.reverted']);
    expect(core.diagnostics.lastError()?.message).toMatch(/^Saving changes failed/);

    // The library keeps working afterwards.
    core.writes.begin();
    core.sessions.create({ title: 'Saved later' });
    await core.writes.durable();
    expect(committedTitles(core.libraryPath)).toEqual(['Saved later']);
  });

  it('commits an open batch when the library closes', () => {
    const { core } = t;
    core.writes.begin();
    core.sessions.create({ title: 'Saved on close' });
    core.close();
    expect(committedTitles(core.libraryPath)).toEqual(['Saved on close']);
  });

  it('commits a window (IPC) write on its own, after the API batch open at the time', async () => {
    const { core } = t;
    const api = new ApiServer(core, { portOverride: 0 });
    const handlers = createIpcHandlers(core, api, {
      revealPath: async () => false,
      chooseProjectPath: async () => null,
      chooseFolder: async () => null,
      chooseAudioFiles: async () => [],
      mediaUrl: () => '',
    });
    core.writes.begin(); // an API request of this turn opened a batch
    core.sessions.create({ title: 'From the API' });
    const pending = handlers['sessions:create']({ title: 'From the window' });
    // The API's batch was committed before the window's write, which is not part of it.
    expect(committedTitles(core.libraryPath)).toEqual(['From the API', 'From the window']);
    expect(core.db.inTransaction).toBe(false);
    expect((await pending).ok).toBe(true);
    await api.stop();
  });
});

describe('GroupCommit behind the Local API', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    // Commits come 30 ms after the turn that opened them, so a reply sent before its commit
    // would be caught reading the old value.
    h = await startApi({ core: { scheduleCommit: (commit) => setTimeout(commit, 30) } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('acknowledges each of many concurrent writes only once another connection can read it', async () => {
    const created = await h.request('POST', '/sessions', { body: { title: 'Target' } });
    const id = created.json.data.id as string;
    const reader = new Database(h.core.libraryPath, { readonly: true });
    const committedClient = (): string =>
      (reader.prepare('SELECT client FROM sessions WHERE id = ?').get(id) as { client: string }).client;
    const titleCount = (): number =>
      (reader.prepare("SELECT count(*) AS n FROM sessions WHERE title LIKE 'Batch %'").get() as { n: number })
        .n;
    try {
      const seen: string[] = [];
      const writes = Array.from({ length: 30 }, async (_, n) => {
        if (n % 3 === 0) {
          const response = await h.request('POST', '/sessions', { body: { title: `Batch ${n}` } });
          expect(response.status).toBe(201);
          expect(titleCount()).toBeGreaterThanOrEqual(1);
          return;
        }
        if (n % 3 === 1) {
          // Invalid: refused without touching anything, whatever else shares its turn.
          const response = await h.request('PATCH', `/sessions/${id}`, { body: { status: 'loud' } });
          expect(response.status).toBe(400);
          return;
        }
        const response = await h.request('PATCH', `/sessions/${id}`, { body: { client: `Client ${n}` } });
        expect(response.status).toBe(200);
        seen.push(committedClient());
      });
      await Promise.all(writes);
      // Every acknowledged PATCH was already committed when its reply arrived.
      expect(seen.every((client) => /^Client \d+$/.test(client))).toBe(true);
      expect(titleCount()).toBe(10);
      expect(h.core.db.inTransaction).toBe(false);
      expect((h.core.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe(
        'ok',
      );
    } finally {
      reader.close();
    }
  });
});
