// The library window end to end, against the real core: it loads, search narrows the list,
// selecting a row shows its detail, an edit in the window reaches the API, and an API change
// reaches the window without a reload.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';

let app: E2eApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

const rows = (e2e: E2eApp) => e2e.page.getByTestId('session-row');

describe('the library window', () => {
  it('searches, selects, edits and saves through the real core', async () => {
    app = await startApp({
      seed: (core) => {
        core.sessions.create({ title: 'Night Drive', client: 'Luna Park Records', tags: ['synthwave'] });
        core.sessions.create({ title: 'Glass Hour', client: 'Mara Keane' });
        core.sessions.create({ title: 'Night Bus', notes: 'tape loops' });
        core.sessions.create({ title: 'Coastline', kind: 'Logic Pro' });
      },
    });
    const { page } = app;
    await expect.poll(() => rows(app!).count()).toBe(4);

    await page.getByTestId('search-input').fill('night');
    await expect.poll(() => rows(app!).count()).toBe(2);
    const titles = await rows(app).allInnerTexts();
    expect(titles.join('\n')).toContain('Night Drive');
    expect(titles.join('\n')).toContain('Night Bus');

    const row = rows(app).filter({ hasText: 'Night Drive' });
    const id = await row.getAttribute('data-session-id');
    expect(id).toMatch(/^session_/);
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    const title = page.getByTestId('detail-title');
    await expect.poll(() => title.inputValue()).toBe('Night Drive');
    await expect.poll(() => page.getByTestId('detail-client').inputValue()).toBe('Luna Park Records');

    await title.fill('Night Drive (final)');
    await expect
      .poll(async () => (await app!.apiRequest('GET', `/sessions/${id}`)).json.data.title, { timeout: 5000 })
      .toBe('Night Drive (final)');
    await expect.poll(() => page.getByTestId('save-state').innerText()).toMatch(/Saved/);
    await expect.poll(() => row.innerText()).toContain('Night Drive (final)');
  });

  it('shows a change made through the API within a second, without a reload', async () => {
    let id = '';
    app = await startApp({ seed: (core) => void (id = core.sessions.create({ title: 'Before' }).id) });
    const { page } = app;
    const row = page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
    await row.click();
    await expect.poll(() => page.getByTestId('detail-title').inputValue()).toBe('Before');

    const patched = await app.apiRequest('PATCH', `/sessions/${id}`, { title: 'After', status: 'mixing' });
    expect(patched.status).toBe(200);
    await expect.poll(() => row.innerText(), { timeout: 1000 }).toContain('After');
    await expect.poll(() => page.getByTestId('detail-title').inputValue(), { timeout: 1000 }).toBe('After');
    await expect.poll(() => page.getByTestId('detail-status').inputValue()).toBe('mixing');

    const created = await app.apiRequest('POST', '/sessions', { title: 'Made by a script' });
    expect(created.status).toBe(201);
    await expect
      .poll(() => rows(app!).filter({ hasText: 'Made by a script' }).count(), { timeout: 1000 })
      .toBe(1);
  });
});
