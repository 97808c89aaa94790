import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestoreResult } from '../../src/shared/ipc';
import { backupsDirOf } from '../../src/main/core/backups/backup-names';
import { createIpcHandlers, type IpcHandlers, type ShellAdapters } from '../../src/main/ipc/handlers';
import { inertShell, startApi, type ApiHarness } from '../helpers/api-harness';
import { makeTempDir, removeTempDirs } from '../helpers/library-files';

let h: ApiHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
  removeTempDirs();
});

async function setup(shell: Partial<ShellAdapters> = {}): Promise<{ h: ApiHarness; handlers: IpcHandlers }> {
  h = await startApi();
  return { h, handlers: createIpcHandlers(h.core, h.server, inertShell(shell)) };
}

describe('Settings → Library over IPC', () => {
  it('shows where the library is and its backups; "Back up now" adds one', async () => {
    const { h, handlers } = await setup();
    h.core.sessions.create({ title: 'Take 1' });
    const before = await handlers['library:view']();
    expect(before).toEqual({
      ok: true,
      value: {
        dataDir: h.core.dataDir,
        libraryPath: h.core.libraryPath,
        librarySize: expect.any(Number),
        backupsDir: backupsDirOf(h.core.dataDir),
        backups: [],
        backupRunning: false,
        lastBackupFailure: null,
      },
    });
    expect(before.ok && before.value.librarySize).toBeGreaterThan(0);

    const made = await handlers['library:backUpNow']();
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value).toMatchObject({ kind: 'daily', fromVersion: null, size: expect.any(Number) });
    const after = await handlers['library:view']();
    expect(after.ok && after.value.backups).toEqual([made.value]);
  });

  it('a failed "Back up now" answers why, and shows in the view and in health\'s lastError', async () => {
    const { h, handlers } = await setup();
    writeFileSync(backupsDirOf(h.core.dataDir), 'not a folder');
    const failed = await handlers['library:backUpNow']();
    expect(failed).toEqual({
      ok: false,
      error: {
        code: 'internal_error',
        message: expect.stringMatching(/^The library could not be backed up: /),
      },
    });
    const message = !failed.ok ? failed.error.message : '';
    const view = await handlers['library:view']();
    expect(view.ok && view.value.lastBackupFailure).toEqual({ message, at: expect.any(String) });
    const health = await h.request('GET', '/health');
    expect(health.json.data.lastError).toBe(message);
  });

  it('reveals the library file or the backups folder', async () => {
    const revealed: string[] = [];
    const { h, handlers } = await setup({
      revealPath: async (path) => {
        revealed.push(path);
        return true;
      },
    });
    expect(await handlers['library:reveal']('library')).toEqual({ ok: true, value: { revealed: true } });
    await handlers['library:reveal']('backups');
    expect(revealed).toEqual([h.core.libraryPath, backupsDirOf(h.core.dataDir)]);
    const refused = await handlers['library:reveal']('elsewhere' as 'library');
    expect(refused.ok ? null : refused.error.code).toBe('invalid_input');
  });

  it('exports and imports through the dialogs the shell offers', async () => {
    const folder = makeTempDir('sessiondock-ipc-export-');
    const { h, handlers } = await setup({
      chooseExportPath: async (format) => join(folder, `library.${format}`),
      chooseImportFile: async () => join(folder, 'library.json'),
    });
    h.core.sessions.create({ title: 'Exported' });
    const path = await handlers['dialog:chooseExportPath']('json');
    expect(path).toEqual({ ok: true, value: join(folder, 'library.json') });
    const exported = await handlers['library:export']({ format: 'json', path: join(folder, 'library.json') });
    expect(exported).toMatchObject({ ok: true, value: { format: 'json', sessions: 1 } });
    expect(readFileSync(join(folder, 'library.json'), 'utf8')).toContain('"title":"Exported"');

    const chosen = await handlers['dialog:chooseImportFile']();
    expect(chosen.ok).toBe(true);
    const imported = await handlers['library:import'](join(folder, 'library.json'));
    expect(imported).toMatchObject({ ok: true, value: { sessions: { added: 0, updated: 0, unchanged: 1 } } });

    writeFileSync(join(folder, 'bad.json'), '[]');
    const refused = await handlers['library:import'](join(folder, 'bad.json'));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/not a SessionDock export/) },
    });
  });

  it('dialogs answer null where the shell has none; restoring needs the app', async () => {
    const { handlers } = await setup();
    expect(await handlers['dialog:chooseBackup']()).toEqual({ ok: true, value: null });
    expect(await handlers['dialog:chooseExportPath']('csv')).toEqual({ ok: true, value: null });
    expect(await handlers['dialog:chooseImportFile']()).toEqual({ ok: true, value: null });
    const restore = await handlers['library:restore']('/tmp/backup.sqlite');
    expect(restore).toEqual({
      ok: false,
      error: { code: 'internal_error', message: expect.stringMatching(/^Restoring needs the desktop app/) },
    });
  });

  it('"Restore…" hands the chosen file to the shell, which answers before the window reloads', async () => {
    const asked: string[] = [];
    const outcome: RestoreResult = {
      restoredFrom: '/backups/library-2026-12-04T19-30-00Z.sqlite',
      previous: {
        name: 'library-2026-12-05T08-00-00Z.pre-restore.sqlite',
        path: '/backups/library-2026-12-05T08-00-00Z.pre-restore.sqlite',
        createdAt: '2026-12-05T08:00:00.000Z',
        size: 4096,
        kind: 'pre-restore',
        fromVersion: null,
      },
      schemaVersion: 11,
    };
    const { h, handlers } = await setup({
      chooseBackupFile: async (folder) => {
        asked.push(folder);
        return outcome.restoredFrom;
      },
      restoreLibrary: async (path) => {
        asked.push(path);
        return outcome;
      },
    });
    expect(await handlers['dialog:chooseBackup']()).toEqual({ ok: true, value: outcome.restoredFrom });
    expect(await handlers['library:restore'](outcome.restoredFrom)).toEqual({ ok: true, value: outcome });
    expect(asked).toEqual([backupsDirOf(h.core.dataDir), outcome.restoredFrom]);
  });
});
