// What reaches the window from outside: focus requests from the API, deletes made elsewhere,
// and project files dropped on the window.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { apiSession, byTestId, dropFiles, rowOf, selectRow } from './window-helpers';

let app: E2eApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

describe('events from outside the window', () => {
  it('selects and reveals a session focused through the API, even one far down the list', async () => {
    const ids: string[] = [];
    app = await startApp({
      seed: (core) => {
        for (let i = 0; i < 300; i++) ids.push(core.sessions.create({ title: `Take ${i}` }).id);
      },
    });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBeGreaterThan(5);
    // The oldest session is last (sorted by updated, newest first), far below the fold.
    const target = ids[0]!;
    const focused = await app.apiRequest('POST', `/sessions/${target}/focus`);
    expect(focused.status).toBe(200);
    await expect.poll(() => byTestId(app!, 'detail-panel').getAttribute('data-session-id')).toBe(target);
    await expect.poll(() => rowOf(app!, target).getAttribute('aria-selected')).toBe('true');
    expect(await rowOf(app, target).isVisible()).toBe(true);
  });

  it('clears the panel when the selected session is deleted elsewhere', async () => {
    let id = '';
    app = await startApp({ seed: (core) => void (id = core.sessions.create({ title: 'Doomed' }).id) });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);
    await selectRow(app, id);
    expect((await app.apiRequest('DELETE', `/sessions/${id}`)).status).toBe(200);
    await expect.poll(() => byTestId(app!, 'session-row').count(), { timeout: 1000 }).toBe(0);
    await expect.poll(() => byTestId(app!, 'detail-panel').getAttribute('data-session-id')).toBeNull();
    await expect.poll(() => byTestId(app!, 'empty-library').count()).toBe(1);
  });

  it('creates a session from a dropped project file', async () => {
    app = await startApp();
    await expect.poll(() => byTestId(app!, 'empty-library').count()).toBe(1);
    await dropFiles(app, { 'Night Drive v3.als': 'x' });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);
    const id = await byTestId(app, 'session-row').getAttribute('data-session-id');
    const session = await apiSession(app, id!);
    // Chromium gives no path for a synthetic file: the title and kind come from its name.
    expect(session).toMatchObject({ title: 'Night Drive v3', kind: 'Ableton', projectPath: null });
    await expect.poll(() => byTestId(app!, 'detail-title').inputValue()).toBe('Night Drive v3');
    await expect.poll(() => byTestId(app!, 'toast').innerText()).toContain('file name only');
    expect(await byTestId(app, 'drop-overlay').count()).toBe(0);
  });
});
