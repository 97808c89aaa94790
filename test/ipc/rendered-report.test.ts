// `app:rendered`: the window's report that it drew the library (what the smoke test waits for),
// checked like any renderer input before it reaches the shell.
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderedReport } from '../../src/shared/ipc';
import { createIpcHandlers } from '../../src/main/ipc/handlers';
import { inertShell, startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function handlersWithReports(): Promise<{
  rendered: RenderedReport[];
  send: (report: unknown) => ReturnType<ReturnType<typeof createIpcHandlers>['app:rendered']>;
}> {
  h = await startApi();
  const rendered: RenderedReport[] = [];
  const handlers = createIpcHandlers(
    h.core,
    h.server,
    inertShell({ rendered: (report) => rendered.push(report) }),
  );
  return { rendered, send: (report) => handlers['app:rendered'](report as RenderedReport) };
}

describe('the window reporting that it rendered', () => {
  it('hands a well-formed report to the shell, a long error cut to 500 characters', async () => {
    const { rendered, send } = await handlersWithReports();
    expect(await send({ sessions: 12, error: null })).toEqual({ ok: true, value: null });
    expect(await send({ sessions: 0, error: 'x'.repeat(2_000) })).toEqual({ ok: true, value: null });
    expect(rendered).toEqual([
      { sessions: 12, error: null },
      { sessions: 0, error: 'x'.repeat(500) },
    ]);
  });

  it.each([
    null,
    'rendered',
    {},
    { sessions: -1, error: null },
    { sessions: 1.5, error: null },
    { sessions: 1, error: 7 },
  ])('refuses %j with invalid_input and tells the shell nothing', async (report) => {
    const { rendered, send } = await handlersWithReports();
    expect(await send(report)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'report must be {sessions: a whole number ≥ 0, error: a string or null}',
      },
    });
    expect(rendered).toEqual([]);
  });
});
