// Settings → Library in the window (issue 13 §3), in Chromium over the real core: the library's
// location, Back up now and the new backup in the list, Restore… from the list and from a file
// (confirmation, the current library backed up first, the page reloaded on the restored library),
// a refused restore, Export as JSON and CSV through the save dialog, Import from JSON merging
// into the library, and a refused import.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId } from './window-helpers';

let app: E2eApp | null = null;
let outDir = '';
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'sessiondock-e2e-library-'));
});
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(async () => {
  await closeBrowser();
  rmSync(outDir, { recursive: true, force: true });
});

/** A backup, an export or an import does real file work on a busy machine. */
const WORK_WAIT = { timeout: 20_000 };

async function startWith(titles: string[]): Promise<E2eApp> {
  const started = await startApp({
    seed: (core) => {
      for (const title of titles) core.sessions.create({ title, client: `${title} client`, tags: ['mix'] });
    },
  });
  await expect.poll(() => byTestId(started, 'session-row').count()).toBe(titles.length);
  return started;
}

async function openLibrarySettings(app: E2eApp): Promise<void> {
  await app.page.keyboard.press('Control+,');
  await expect.poll(() => byTestId(app, 'library-settings').count()).toBe(1);
  await expect.poll(() => byTestId(app, 'library-path').innerText()).toBe(app.core.libraryPath);
}

async function titlesInList(app: E2eApp): Promise<string[]> {
  const titles = await app.page
    .locator('[data-testid="session-row"] .session-row__title-text')
    .allInnerTexts();
  return titles.sort();
}

describe('Settings → Library', () => {
  it('shows where the library is, backs up now, and restores a backup from the list', async () => {
    app = await startWith(['Before One', 'Before Two']);
    await openLibrarySettings(app);
    expect(await byTestId(app, 'library-data-dir').innerText()).toBe(app.core.dataDir);
    await byTestId(app, 'library-reveal').click();
    await expect.poll(() => app!.revealed).toEqual([app.core.libraryPath]);

    const before = await byTestId(app, 'backup-item').count();
    await byTestId(app, 'library-back-up-now').click();
    await expect.poll(() => byTestId(app!, 'library-outcome').innerText(), WORK_WAIT).toContain('Backed up');
    await expect.poll(() => byTestId(app!, 'backup-item').count()).toBe(before + 1);
    expect(await byTestId(app, 'library-back-up-now').isEnabled()).toBe(true);
    const newest = app.core.backups.list()[0]!;
    expect(await byTestId(app, 'backup-item').first().getAttribute('data-path')).toBe(newest.path);
    expect(existsSync(newest.path)).toBe(true);

    // A session made after the backup is gone once the backup is restored.
    expect((await app.apiRequest('POST', '/sessions', { title: 'After Backup' })).status).toBe(201);
    await byTestId(app, 'backup-restore').first().click();
    await expect.poll(() => byTestId(app!, 'confirm-dialog').innerText()).toContain('backed up first');
    await byTestId(app, 'confirm-accept').click();
    await expect.poll(() => app!.restores, WORK_WAIT).toBe(1);

    // The page reloaded on the restored library.
    await expect.poll(() => titlesInList(app!), WORK_WAIT).toEqual(['Before One', 'Before Two']);
    const listed = await app.apiRequest('GET', '/sessions');
    expect(listed.json.data.map((session: { title: string }) => session.title).sort()).toEqual([
      'Before One',
      'Before Two',
    ]);
    // The library as it was (with "After Backup") is kept as a pre-restore backup, listed.
    await openLibrarySettings(app);
    await expect.poll(() => byTestId(app!, 'backup-item').count()).toBe(before + 2);
    expect(await app.page.locator('[data-testid="backup-item"][data-kind="pre-restore"]').count()).toBe(1);
  });

  it('restores from a chosen file, and refuses a file that is no library without changing anything', async () => {
    app = await startWith(['Kept']);
    const backup = await app.core.backups.backUp('manual');
    expect((await app.apiRequest('POST', '/sessions', { title: 'Dropped By Restore' })).status).toBe(201);
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(2);
    await openLibrarySettings(app);

    const notALibrary = join(outDir, 'not-a-library.sqlite');
    writeFileSync(notALibrary, 'just some text, not SQLite');
    app.chosenBackups.push(notALibrary);
    await byTestId(app, 'library-restore-file').click();
    await byTestId(app, 'confirm-accept').click();
    await expect
      .poll(() => byTestId(app!, 'library-error').innerText(), WORK_WAIT)
      .toContain('Nothing was restored');
    expect(app.restores).toBe(0);
    expect((await app.apiRequest('GET', '/sessions')).json.data).toHaveLength(2);

    // Cancelling the confirmation restores nothing either.
    app.chosenBackups.push(backup.path);
    await byTestId(app, 'library-restore-file').click();
    await byTestId(app, 'confirm-cancel').click();
    expect(app.restores).toBe(0);

    app.chosenBackups.push(backup.path);
    await byTestId(app, 'library-restore-file').click();
    await expect.poll(() => byTestId(app!, 'confirm-dialog').innerText()).toContain(backup.path);
    await byTestId(app, 'confirm-accept').click();
    await expect.poll(() => app!.restores, WORK_WAIT).toBe(1);
    await expect.poll(() => titlesInList(app!), WORK_WAIT).toEqual(['Kept']);
  });

  it('exports JSON and CSV through the save dialog, and imports a JSON export back', async () => {
    app = await startWith(['Export One', 'Export, "Two"']);
    await openLibrarySettings(app);

    const jsonPath = join(outDir, 'library.json');
    app.chosenExportPaths.push(jsonPath);
    await byTestId(app, 'library-export-json').click();
    await expect
      .poll(() => byTestId(app!, 'library-outcome').innerText(), WORK_WAIT)
      .toContain(`Exported 2 sessions`);
    expect(await byTestId(app, 'library-outcome').innerText()).toContain(jsonPath);
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(exported.format).toBe('sessiondock-export');
    expect(exported.sessions.map((session: { title: string }) => session.title).sort()).toEqual([
      'Export One',
      'Export, "Two"',
    ]);

    const csvPath = join(outDir, 'library.csv');
    app.chosenExportPaths.push(csvPath);
    await byTestId(app, 'library-export-csv').click();
    await expect.poll(() => byTestId(app!, 'library-outcome').innerText(), WORK_WAIT).toContain(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = csv.slice(1).split('\r\n').filter(Boolean);
    expect(records).toHaveLength(3);
    expect(csv).toContain('"Export, ""Two"""');

    // A cancelled save dialog writes nothing and says nothing.
    await byTestId(app, 'library-export-json').click();
    await expect.poll(() => byTestId(app!, 'library-outcome').count()).toBe(0);

    // Deleted here, brought back by importing the export.
    const gone = exported.sessions.find((session: { title: string }) => session.title === 'Export One');
    expect((await app.apiRequest('DELETE', `/sessions/${gone.id}`)).status).toBe(200);
    app.chosenImportFiles.push(jsonPath);
    await byTestId(app, 'library-import').click();
    await expect
      .poll(() => byTestId(app!, 'library-outcome').innerText(), WORK_WAIT)
      .toContain('Sessions: 1 added, 0 updated, 1 unchanged');
    expect((await app.apiRequest('GET', `/sessions/${gone.id}`)).json.data.title).toBe('Export One');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => titlesInList(app!)).toEqual(['Export One', 'Export, "Two"']);
  });

  it('refuses to import a file that is not a SessionDock export, with the reason', async () => {
    app = await startWith(['Untouched']);
    await openLibrarySettings(app);
    const bogus = join(outDir, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ hello: 'world' }));
    app.chosenImportFiles.push(bogus);
    await byTestId(app, 'library-import').click();
    await expect.poll(() => byTestId(app!, 'library-error').count(), WORK_WAIT).toBe(1);
    expect(await byTestId(app, 'library-error').innerText()).not.toBe('');
    expect((await app.apiRequest('GET', '/sessions')).json.data).toHaveLength(1);
    expect(await byTestId(app, 'library-import').isEnabled()).toBe(true);
  });
});
