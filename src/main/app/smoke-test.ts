import type { RenderedReport } from '../../shared/ipc';

/** `SessionDock --smoke-test`: start for real with a throwaway library, check, quit, exit 0 or 1. */
export const SMOKE_TEST_FLAG = '--smoke-test';

/** How long the whole check may take before it fails (override: SESSIONDOCK_SMOKE_TIMEOUT_MS). */
export const SMOKE_TEST_TIMEOUT_MS = 60_000;

export interface SmokeTestDeps {
  /** Asks the running Local API for its health; resolves with a line for the report or throws. */
  checkApi(): Promise<string>;
  /** Ends the app through its normal quit path with this exit code. */
  finish(exitCode: number): void;
  /** Where the verdict is written (stdout: a CI log shows it). */
  print(line: string): void;
  timeoutMs?: number;
}

export interface SmokeTest {
  /** The renderer reported, through the preload, that it rendered the library. */
  rendered(report: RenderedReport): void;
  /** Something on the way failed (page load, renderer crash, preload error, library, API). */
  fail(reason: string): void;
}

/**
 * The smoke test's verdict: passes once the window rendered the library and the Local API then
 * answered; fails on the first reported problem or when the time is up. Decides once.
 */
export function createSmokeTest(deps: SmokeTestDeps): SmokeTest {
  let decided = false;
  const timeoutMs = deps.timeoutMs ?? SMOKE_TEST_TIMEOUT_MS;
  const decide = (passed: boolean, detail: string): void => {
    if (decided) return;
    decided = true;
    clearTimeout(timer);
    deps.print(`SessionDock smoke test ${passed ? 'passed' : 'FAILED'}: ${detail}`);
    deps.finish(passed ? 0 : 1);
  };
  const timer = setTimeout(
    () => decide(false, `the window did not report a rendered library within ${timeoutMs} ms`),
    timeoutMs,
  );
  return {
    rendered(report) {
      if (decided) return;
      if (report.error) return decide(false, `the window could not load the library: ${report.error}`);
      deps.checkApi().then(
        (api) => decide(true, `the window rendered the library (${report.sessions} sessions); ${api}`),
        (error: unknown) => decide(false, `the Local API did not answer: ${String(error)}`),
      );
    },
    fail: (reason) => decide(false, reason),
  };
}

/** The timeout from the environment, when a slow machine (CI under Xvfb) needs more. */
export function smokeTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env.SESSIONDOCK_SMOKE_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : SMOKE_TEST_TIMEOUT_MS;
}
