import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';

let app: E2eApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

describe('the window bridge in Chromium', () => {
  it('reaches the real core handlers and receives core events as plain data', async () => {
    app = await startApp({ seed: (core) => void core.sessions.create({ title: 'Seeded in core' }) });
    const listed = await app.page.evaluate(() =>
      (
        globalThis as unknown as { sessionDock: { listSessions: (q: object) => Promise<unknown> } }
      ).sessionDock.listSessions({}),
    );
    expect(listed).toMatchObject({
      ok: true,
      value: { meta: { total: 1 }, data: [{ title: 'Seeded in core' }] },
    });

    await app.page.evaluate(() => {
      const bridge = (
        globalThis as unknown as { sessionDock: { on: (e: string, l: (p: unknown) => void) => void } }
      ).sessionDock;
      (globalThis as unknown as { received: unknown[] }).received = [];
      bridge.on('sessions:changed', (payload) =>
        (globalThis as unknown as { received: unknown[] }).received.push(payload),
      );
    });
    const created = await app.apiRequest('POST', '/sessions', { title: 'From the API' });
    expect(created.status).toBe(201);
    await expect
      .poll(() => app!.page.evaluate(() => (globalThis as unknown as { received: unknown[] }).received))
      .toEqual([{ type: 'created', session: created.json.data }]);

    const refused = await app.page.evaluate(() =>
      (
        globalThis as unknown as { sessionDock: { createSession: (b: object) => Promise<unknown> } }
      ).sessionDock.createSession({
        title: '',
      }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
