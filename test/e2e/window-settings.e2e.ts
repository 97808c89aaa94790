// Settings: the Local API mode applies at once, the token is masked until shown, rotation asks
// first and then locks the old token out, and the request log is live; the MCP configs it shows
// connect an MCP client as written.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
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

  it('shows MCP configs that connect as written, the token masked on screen', async () => {
    app = await startApp();
    const { page } = app;
    await expect.poll(() => byTestId(app!, 'empty-library').count()).toBe(1);
    await page.keyboard.press('Control+,');
    await expect.poll(() => byTestId(app!, 'mcp-settings').count()).toBe(1);
    const origin = app.baseUrl.replace(/\/api\/v1$/, '');
    await expect.poll(() => byTestId(app!, 'mcp-url').innerText()).toBe(`${origin}/mcp`);

    const token = app.core.token.current();
    const http = JSON.parse(await byTestId(app, 'mcp-http-config').innerText());
    expect(http.mcpServers.sessiondock).toMatchObject({ type: 'http', url: `${origin}/mcp` });
    expect(http.mcpServers.sessiondock.headers.Authorization).toMatch(/^Bearer sdk_•+/);
    expect(JSON.stringify(http)).not.toContain(token);

    // The Claude Desktop config, started exactly as a client would: it reaches this library.
    const stdio = JSON.parse(await byTestId(app, 'mcp-stdio-config').innerText());
    const server = stdio.mcpServers.sessiondock as {
      command: string;
      args: string[];
      env?: Record<string, string>;
    };
    expect(server.args).toContain('--data-dir');
    const client = new Client({ name: 'settings-e2e', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: server.command,
        args: server.args,
        env: { ...(process.env as Record<string, string>), ...server.env },
        stderr: 'pipe',
      }),
    );
    try {
      await client.callTool({ name: 'create_session', arguments: { title: 'From Claude' } });
      await expect.poll(() => byTestId(app!, 'settings-view').count()).toBe(1);
      expect((await app.apiRequest('GET', '/sessions?q=claude')).json.meta.total).toBe(1);
    } finally {
      await client.close();
    }
  });
});
