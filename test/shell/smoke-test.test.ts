// The smoke test's verdict (`SessionDock --smoke-test`): pass only after the window rendered and
// the API answered; fail on the first problem or at the timeout; decide exactly once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSmokeTest, smokeTimeoutFromEnv, SMOKE_TEST_TIMEOUT_MS } from '../../src/main/app/smoke-test';

afterEach(() => vi.useRealTimers());

function harness(checkApi: () => Promise<string> = async () => 'API ok') {
  const lines: string[] = [];
  const finish = vi.fn();
  const smoke = createSmokeTest({ checkApi, finish, print: (line) => lines.push(line), timeoutMs: 1_000 });
  return { smoke, lines, finish };
}

describe('the smoke test verdict', () => {
  it('passes once the window rendered and the API answered', async () => {
    const { smoke, lines, finish } = harness();
    smoke.rendered({ sessions: 3, error: null });
    await vi.waitFor(() => expect(finish).toHaveBeenCalledWith(0));
    expect(lines).toEqual([
      'SessionDock smoke test passed: the window rendered the library (3 sessions); API ok',
    ]);
  });

  it('fails when the window could not load the library, or the API does not answer', async () => {
    const broken = harness();
    broken.smoke.rendered({ sessions: 0, error: 'Internal error.' });
    expect(broken.finish).toHaveBeenCalledWith(1);
    expect(broken.lines[0]).toContain('FAILED: the window could not load the library: Internal error.');

    const silent = harness(async () => {
      throw new Error('ECONNREFUSED');
    });
    silent.smoke.rendered({ sessions: 0, error: null });
    await vi.waitFor(() => expect(silent.finish).toHaveBeenCalledWith(1));
    expect(silent.lines[0]).toContain('the Local API did not answer: Error: ECONNREFUSED');
  });

  it('fails at the timeout, and decides only once', () => {
    vi.useFakeTimers();
    const { smoke, lines, finish } = harness();
    vi.advanceTimersByTime(1_000);
    smoke.fail('the renderer process is gone: crashed');
    smoke.rendered({ sessions: 0, error: null });
    expect(finish).toHaveBeenCalledTimes(1);
    expect(finish).toHaveBeenCalledWith(1);
    expect(lines).toEqual([
      'SessionDock smoke test FAILED: the window did not report a rendered library within 1000 ms',
    ]);
  });

  it('takes a longer timeout from SESSIONDOCK_SMOKE_TIMEOUT_MS, ignoring nonsense', () => {
    expect(smokeTimeoutFromEnv({ SESSIONDOCK_SMOKE_TIMEOUT_MS: '120000' })).toBe(120_000);
    expect(smokeTimeoutFromEnv({ SESSIONDOCK_SMOKE_TIMEOUT_MS: 'soon' })).toBe(SMOKE_TEST_TIMEOUT_MS);
    expect(smokeTimeoutFromEnv({})).toBe(SMOKE_TEST_TIMEOUT_MS);
  });
});
