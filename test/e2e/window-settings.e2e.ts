// Settings: the Local API mode applies at once, the token is masked until shown, rotation asks
// first and then locks the old token out, and the request log is live.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId } from './window-helpers';

let app: E2eApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

describe('Settings', () => {
  it('switches the API mode, shows and rotates the token, and logs requests live', async () => {
    app = await startApp();
    const { page } = app;
    await expect.poll(() => byTestId(app!, 'empty-library').count()).toBe(1);
    await page.keyboard.press('Control+,');
    await expect.poll(() => byTestId(app!, 'settings-view').count()).toBe(1);
    await expect
      .poll(() => byTestId(app!, 'api-mode-full-automation').getAttribute('aria-checked'))
      .toBe('true');

    await byTestId(app, 'api-mode-read-only').click();
    await expect.poll(() => byTestId(app!, 'api-mode-read-only').getAttribute('aria-checked')).toBe('true');
    expect((await app.apiRequest('POST', '/sessions', { title: 'x' })).status).toBe(403);

    const token = app.core.token.current();
    const masked = await byTestId(app, 'api-token').innerText();
    expect(masked).not.toContain(token);
    expect(masked.endsWith(token.slice(-4))).toBe(true);
    await byTestId(app, 'api-token-show').click();
    await expect.poll(() => byTestId(app!, 'api-token').innerText()).toBe(token);

    await byTestId(app, 'api-token-rotate').click();
    await expect.poll(() => byTestId(app!, 'confirm-dialog').innerText()).toContain('will stop working');
    await byTestId(app, 'confirm-accept').click();
    await expect.poll(() => app!.core.token.current()).not.toBe(token);
    await expect.poll(() => byTestId(app!, 'api-token').innerText()).toBe(app.core.token.current());
    const old = await fetch(`${app.baseUrl}/health`, { headers: { Authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);

    await app.apiRequest('GET', '/tags');
    await expect
      .poll(() => byTestId(app!, 'recent-request').first().innerText(), { timeout: 3000 })
      .toContain('/api/v1/tags');

    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(app!, 'settings-view').count()).toBe(0);
  });
});
