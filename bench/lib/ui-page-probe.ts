/**
 * The in-page half of the UI benchmark (bench/ui.bench.ts): a script installed with
 * `page.addInitScript` that defines `globalThis.__uiBench`. It is a string because the node
 * project compiles without DOM types (as test/e2e/window-helpers.ts does for its page scripts).
 *
 * Every time is `performance.now()` in the page: milliseconds since the navigation started.
 * "paint" times are taken after the next animation frame and one task more, i.e. once the
 * browser has had the chance to paint what the DOM shows.
 */

/** What the probe records for one page load. */
export interface LoadProbe {
  /** First session row with content inside the viewport, seen by a MutationObserver. */
  dom: number;
  /** After the next frame following `dom`. */
  paint: number | null;
  domContentLoaded: number | null;
}

/** What the list should show once a keystroke's search has been applied. */
export interface KeystrokeExpectation {
  /** The result-count text, e.g. "1,234 sessions". */
  count: string;
  /** The id of the session in the list's first row. */
  firstId: string;
}

export interface KeystrokeProbe {
  /** `event.timeStamp` of the keydown (when the browser created the event). */
  keydownAt: number | null;
  /** When the result count and the first row both showed the new result. */
  dom: number | null;
  paint: number | null;
  timedOut: boolean;
  /** `performance.timeOrigin` of the page, to put its times on the wall clock node also reads. */
  timeOrigin: number;
  /** What the page showed when it timed out (for the error message). */
  shownCount: string | null;
  shownFirstId: string | null;
}

export interface ScrollSample {
  phase: 'page' | 'jump';
  scrollTop: number;
  /** `[role="option"]` elements once the rows at this position were filled in. */
  options: number;
  /** The most `[role="option"]` elements seen on any frame while waiting at this step. */
  maxOptionsDuring: number;
  /** All row elements (`.session-row`), placeholders for loading chunks included. */
  rowElements: number;
  /** Every element in the document. */
  elements: number;
  /** From setting scrollTop until rows with content covered the viewport (info). */
  filledMs: number;
  filled: boolean;
  /** aria-posinset of the last option in the DOM (to check the sweep reached the end). */
  lastPosinset: number;
}

export interface ScrollPlan {
  /** Steps of one viewport height each, from the top (reading down the list). */
  pageSteps: number;
  /** Evenly spaced positions from the top to the very end of the list. */
  jumpSteps: number;
  /** Longest wait for one position's rows, in ms. */
  settleTimeoutMs: number;
}

export const PAGE_PROBE = String.raw`(() => {
  const bench = { load: null, pending: null };
  Object.defineProperty(globalThis, '__uiBench', { value: bench });

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  // After the next frame and one task more: the frame has been produced by then.
  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(null);
    });

  const rowOnScreen = () => {
    for (const row of document.querySelectorAll('[data-testid="session-row"]')) {
      const rect = row.getBoundingClientRect();
      if (rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight && row.textContent.trim() !== '')
        return true;
    }
    return false;
  };

  // 1. Navigation start (time origin) to the first rows on screen.
  const loadObserver = new MutationObserver(() => {
    if (bench.load !== null || !rowOnScreen()) return;
    loadObserver.disconnect();
    const navigation = performance.getEntriesByType('navigation')[0];
    bench.load = {
      dom: performance.now(),
      paint: null,
      domContentLoaded: navigation ? navigation.domContentLoadedEventEnd || null : null,
    };
    afterPaint((time) => (bench.load.paint = time));
  });
  loadObserver.observe(document, { childList: true, subtree: true });

  // 2. A keystroke in the search box to the list showing its result. Arm, press, then await
  // bench.pending.
  const shown = () => ({
    count: document.querySelector('[data-testid="result-count"]')?.textContent?.trim() ?? null,
    firstId:
      document.querySelector('[role="option"][aria-posinset="1"]')?.getAttribute('data-session-id') ?? null,
  });
  const timeOrigin = performance.timeOrigin;
  bench.arm = (expected, timeoutMs) => {
    let keydownAt = null;
    const onKeydown = (event) => {
      if (keydownAt === null) keydownAt = event.timeStamp;
    };
    addEventListener('keydown', onKeydown, { capture: true });
    bench.pending = new Promise((resolve) => {
      let settled = false;
      const finish = (result) => {
        if (settled) return;
        settled = true;
        observer.disconnect();
        clearTimeout(timer);
        removeEventListener('keydown', onKeydown, { capture: true });
        resolve(result);
      };
      const check = () => {
        if (settled || keydownAt === null) return;
        const now = shown();
        if (now.count !== expected.count || now.firstId !== expected.firstId) return;
        const dom = performance.now();
        observer.disconnect();
        afterPaint((paint) =>
          finish({ keydownAt, dom, paint, timedOut: false, timeOrigin, shownCount: now.count, shownFirstId: now.firstId }),
        );
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['data-session-id', 'aria-posinset'],
      });
      const timer = setTimeout(() => {
        const now = shown();
        finish({ keydownAt, dom: null, paint: null, timedOut: true, timeOrigin, shownCount: now.count, shownFirstId: now.firstId });
      }, timeoutMs);
    });
    return true;
  };

  // 3. Rows in the DOM while scrolling through the whole list.
  const optionAt = (x, y) => document.elementFromPoint(x, y)?.closest('[role="option"]') ?? null;
  bench.sweep = async (plan) => {
    const scroller = document.querySelector('.list-scroller');
    if (!scroller) throw new Error('no .list-scroller in the page');
    const maxTop = scroller.scrollHeight - scroller.clientHeight;
    const positions = [];
    for (let i = 0; i < plan.pageSteps; i++)
      positions.push(['page', Math.min(maxTop, i * scroller.clientHeight)]);
    for (let i = 0; i < plan.jumpSteps; i++)
      positions.push(['jump', Math.round((maxTop * i) / Math.max(1, plan.jumpSteps - 1))]);

    const samples = [];
    for (const [phase, top] of positions) {
      const started = performance.now();
      scroller.scrollTop = top;
      const rect = scroller.getBoundingClientRect();
      const x = rect.left + rect.width * 0.4;
      // Below the sticky list header, in the middle and near the bottom of the viewport.
      const ys = [rect.top + 40, rect.top + rect.height / 2, rect.bottom - 10];
      let maxOptionsDuring = 0;
      let filled = false;
      let filledMs = 0;
      while (performance.now() - started < plan.settleTimeoutMs) {
        await nextFrame();
        maxOptionsDuring = Math.max(maxOptionsDuring, document.querySelectorAll('[role="option"]').length);
        if (ys.every((y) => optionAt(x, y) !== null) && !document.querySelector('.session-row--placeholder')) {
          filled = true;
          filledMs = performance.now() - started;
          break;
        }
      }
      if (!filled) filledMs = performance.now() - started;
      // One frame more, so the virtualizer has rendered for the settled position.
      await nextFrame();
      const options = document.querySelectorAll('[role="option"]');
      maxOptionsDuring = Math.max(maxOptionsDuring, options.length);
      samples.push({
        phase,
        scrollTop: scroller.scrollTop,
        options: options.length,
        maxOptionsDuring,
        rowElements: document.querySelectorAll('.session-row').length,
        elements: document.getElementsByTagName('*').length,
        filledMs,
        filled,
        lastPosinset: Math.max(0, ...[...options].map((option) => Number(option.getAttribute('aria-posinset')))),
      });
    }
    scroller.scrollTop = 0;
    return samples;
  };
})();`;
