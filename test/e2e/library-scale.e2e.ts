// A 100,000-session library: only the rows on screen are in the DOM, chunks load on demand as the
// list scrolls, and the keyboard reaches the far end.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId } from './window-helpers';

const TOTAL = 100_000;
const BATCH = 10_000;

let app: E2eApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

describe('a 100,000-session library', () => {
  it('renders only visible rows and loads chunks as it scrolls', async () => {
    app = await startApp({
      seed: (core) => {
        for (let start = 0; start < TOTAL; start += BATCH) {
          core.sessions.createMany(
            Array.from({ length: BATCH }, (_, i) => ({
              title: `Session ${String(start + i).padStart(6, '0')}`,
              tags: [`batch ${start / BATCH}`],
            })),
          );
        }
      },
    });
    const { page } = app;
    await expect
      .poll(() => byTestId(app!, 'result-count').innerText(), { timeout: 10_000 })
      .toBe('100,000 sessions');
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBeGreaterThan(5);
    expect(await page.locator('[role="option"]').count()).toBeLessThan(60);

    // Jump to the middle, then the end: the rows there arrive and the DOM stays small.
    const scroller = page.locator('.list-scroller');
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    await expect
      .poll(() => page.locator('[role="option"][aria-posinset="50001"]').count(), { timeout: 5000 })
      .toBe(1);
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect
      .poll(() => page.locator(`[role="option"][aria-posinset="${TOTAL}"]`).count(), { timeout: 5000 })
      .toBe(1);
    expect(await page.locator('[role="option"]').count()).toBeLessThan(60);

    // The keyboard reaches the first row again, and ArrowDown walks from there.
    await byTestId(app, 'session-list').focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.locator('[role="option"][aria-posinset="1"]').getAttribute('aria-selected'))
      .toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.locator('[role="option"][aria-posinset="2"]').getAttribute('aria-selected'))
      .toBe('true');
    await page.keyboard.press('End');
    await expect
      .poll(() => page.locator(`[role="option"][aria-posinset="${TOTAL}"]`).getAttribute('aria-selected'))
      .toBe('true');
  });
});
