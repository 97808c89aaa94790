// Editing in the window: autosave that never loses typing, live updates that respect the field
// being edited, inline validation, the keyboard map, delete with undo, open and relink.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { apiSession, byTestId, focusedTestId, rowOf, selectRow } from './window-helpers';

let app: E2eApp | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

async function startWith(titles: string[]): Promise<{ app: E2eApp; ids: string[] }> {
  const ids: string[] = [];
  const started = await startApp({
    seed: (core) => {
      for (const title of titles) ids.push(core.sessions.create({ title }).id);
    },
  });
  await expect.poll(() => byTestId(started, 'session-row').count()).toBe(titles.length);
  return { app: started, ids };
}

describe('autosave', () => {
  it('never loses typing when switching sessions quickly', async () => {
    const started = await startWith(['Alpha', 'Beta', 'Gamma']);
    app = started.app;
    const [a, b, c] = started.ids as [string, string, string];

    await selectRow(app, a);
    await byTestId(app, 'detail-client').click();
    await app.page.keyboard.type('Client of Alpha');
    // No pause: the debounce has not fired yet when the next session is chosen.
    await rowOf(app, b).click();
    await expect.poll(() => byTestId(app!, 'detail-panel').getAttribute('data-session-id')).toBe(b);
    await byTestId(app, 'detail-notes').click();
    await app.page.keyboard.type('line one\nline two');
    await rowOf(app, c).click();
    await expect.poll(() => byTestId(app!, 'detail-title').inputValue()).toBe('Gamma');

    await expect.poll(async () => (await apiSession(app!, a))?.client).toBe('Client of Alpha');
    await expect.poll(async () => (await apiSession(app!, b))?.notes).toBe('line one\nline two');
    // Going back shows what was saved.
    await selectRow(app, a);
    await expect.poll(() => byTestId(app!, 'detail-client').inputValue()).toBe('Client of Alpha');
  });

  it('merges live updates into the fields not being edited', async () => {
    const started = await startWith(['Alpha']);
    app = started.app;
    const [a] = started.ids as [string];
    await selectRow(app, a);
    await byTestId(app, 'detail-title').click();
    await app.page.keyboard.press('End');
    await app.page.keyboard.type(' draft');

    const patched = await app.apiRequest('PATCH', `/sessions/${a}`, {
      title: 'Remote',
      client: 'Remote client',
    });
    expect(patched.status).toBe(200);
    await expect
      .poll(() => byTestId(app!, 'detail-client').inputValue(), { timeout: 1000 })
      .toBe('Remote client');
    expect(await byTestId(app, 'detail-title').inputValue()).toBe('Alpha draft');

    await app.page.keyboard.press('Tab');
    await expect.poll(async () => (await apiSession(app!, a))?.title).toBe('Alpha draft');
    expect((await apiSession(app, a))?.client).toBe('Remote client');
  });

  it('shows the service rule under a refused field and sends nothing until it is fixed', async () => {
    const started = await startWith(['Alpha']);
    app = started.app;
    const [a] = started.ids as [string];
    await selectRow(app, a);
    await byTestId(app, 'detail-title').fill('   ');
    await expect
      .poll(() => byTestId(app!, 'detail-title-error').innerText())
      .toBe('Title must be a non-empty string (at most 200 characters)');
    await byTestId(app, 'detail-client').click();
    await expect.poll(() => byTestId(app!, 'save-state').innerText()).toBe('Not saved');
    expect((await apiSession(app, a))?.title).toBe('Alpha');

    await byTestId(app, 'detail-title').fill('Alpha fixed');
    await expect.poll(async () => (await apiSession(app!, a))?.title).toBe('Alpha fixed');
    await expect.poll(() => byTestId(app!, 'detail-title-error').count()).toBe(0);
  });

  it('edits tags as chips: Enter and comma add, Backspace removes, duplicates are dropped', async () => {
    const started = await startWith(['Alpha']);
    app = started.app;
    const [a] = started.ids as [string];
    await selectRow(app, a);
    await byTestId(app, 'detail-tags-input').click();
    await app.page.keyboard.type('Vocals');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.type('stems,vocals,');
    await expect.poll(async () => (await apiSession(app!, a))?.tags).toEqual(['Vocals', 'stems']);
    await app.page.keyboard.press('Backspace');
    await expect.poll(async () => (await apiSession(app!, a))?.tags).toEqual(['Vocals']);
    // Typed but not confirmed: added when the field loses focus, never dropped.
    await app.page.keyboard.type('mix notes');
    await byTestId(app, 'detail-client').click();
    await expect.poll(async () => (await apiSession(app!, a))?.tags).toEqual(['Vocals', 'mix notes']);
  });
});

describe('keyboard and actions', () => {
  it('creates with Ctrl+N, moves with arrows, deletes with confirmation and undoes', async () => {
    const started = await startWith(['Alpha', 'Beta']);
    app = started.app;
    const { page } = app;

    await page.keyboard.press('Control+n');
    await expect.poll(() => focusedTestId(app!)).toBe('detail-title');
    expect(await byTestId(app, 'detail-title').inputValue()).toBe('Untitled session');
    await page.keyboard.type('Fresh idea');
    await page.keyboard.press('Enter');
    const newId = await byTestId(app, 'detail-panel').getAttribute('data-session-id');
    await expect.poll(async () => (await apiSession(app!, newId!))?.title).toBe('Fresh idea');
    await expect.poll(() => rowOf(app!, newId!).getAttribute('aria-selected')).toBe('true');

    // The new session is first (newest updated); ArrowDown walks down the list.
    await byTestId(app, 'session-list').focus();
    await page.keyboard.press('ArrowDown');
    const second = await byTestId(app, 'detail-panel').getAttribute('data-session-id');
    expect(second).not.toBe(newId);
    await expect.poll(() => rowOf(app!, second!).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => byTestId(app!, 'detail-panel').getAttribute('data-session-id')).toBe(newId);

    await page.keyboard.press('Delete');
    await expect.poll(() => byTestId(app!, 'confirm-dialog').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(async () => apiSession(app!, newId!)).toBeNull();
    await expect.poll(() => rowOf(app!, newId!).count()).toBe(0);
    await byTestId(app, 'toast-undo').click();
    await expect.poll(async () => (await apiSession(app!, newId!))?.title).toBe('Fresh idea');
    await expect.poll(() => rowOf(app!, newId!).count()).toBe(1);

    // Escape cancels a delete.
    await byTestId(app, 'session-list').focus();
    await page.keyboard.press('Backspace');
    await expect.poll(() => byTestId(app!, 'confirm-dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(app!, 'confirm-dialog').count()).toBe(0);
    expect(await app.core.sessions.list({}).meta.total).toBe(3);
  });

  it('focuses search with Ctrl+F and clears it with Escape', async () => {
    const started = await startWith(['Alpha', 'Beta']);
    app = started.app;
    await app.page.keyboard.press('Control+f');
    await expect.poll(() => focusedTestId(app!)).toBe('search-input');
    await app.page.keyboard.type('alp');
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(2);
    expect(await byTestId(app, 'search-input').inputValue()).toBe('');
  });

  it('opens with Enter, and offers to relink a project that moved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-open-'));
    dirs.push(dir);
    const project = join(dir, 'Song.als');
    const moved = join(dir, 'Moved.als');
    writeFileSync(project, 'x');
    writeFileSync(moved, 'x');
    const ids: string[] = [];
    app = await startApp({
      seed: (core) => {
        ids.push(core.sessions.create({ title: 'On disk', projectPath: project }).id);
        ids.push(core.sessions.create({ title: 'Gone', projectPath: join(dir, 'Gone.als') }).id);
      },
    });
    const [onDisk, gone] = ids as [string, string];
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(2);
    await expect.poll(() => rowOf(app!, gone).getByTestId('missing-project').count()).toBe(1);
    expect(await rowOf(app, onDisk).getByTestId('missing-project').count()).toBe(0);

    await selectRow(app, onDisk);
    await byTestId(app, 'session-list').focus();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app!.opener.opened).toEqual([project]);
    await expect.poll(async () => (await apiSession(app!, onDisk))?.lastOpened).not.toBeNull();

    await rowOf(app, gone).dblclick();
    await expect.poll(() => byTestId(app!, 'open-problem').innerText()).toContain('Project not found');
    app.chosenProjects.push(moved);
    await byTestId(app, 'open-problem-relink').click();
    await expect.poll(async () => (await apiSession(app!, gone))?.projectPath).toBe(moved);
    await expect.poll(() => byTestId(app!, 'open-problem').count()).toBe(0);
    await expect.poll(() => rowOf(app!, gone).getByTestId('missing-project').count()).toBe(0);
  });
});
