/**
 * bench:ui-artwork's probe in the page, installed as an init script (a string: the renderer's
 * Content-Security-Policy forbids eval, and Playwright's evaluate of a string goes around it).
 * It notes from the start of the page every long task (PerformanceObserver 'longtask') and every
 * `<img>` that finishes loading (a capturing 'load' listener: its natural size, its `decoding`
 * attribute and URL), and drives the grid: `__artBench.sweep(plan)` scrolls `.grid-scroller` from
 * top to bottom and back one position per frame, counting cards and rows in the DOM on every frame,
 * and stops on a few positions to time how long the screen takes to show every card's thumbnail.
 */

export interface ArtworkScrollPlan {
  /** Frames for one way (top → bottom); the way back takes as many. */
  framesPerWay: number;
  /** Stops on each way (evenly spaced; the last one at the end of the way). */
  stopsPerWay: number;
  /** Longest wait for a stopped screen's thumbnails, in ms. */
  fillTimeoutMs: number;
}

export interface ArtworkStop {
  way: 'down' | 'up';
  scrollTop: number;
  /** Cards (sessions) at least partly inside the viewport. */
  visibleCards: number;
  /** From the stop until every visible card showed its loaded thumbnail (and one frame), or null. */
  fillMs: number | null;
  /** Visible cards still without a loaded thumbnail when the wait ended (0 when filled). */
  unfilled: number;
  /** Why the cards were unfilled, when the wait ended. */
  why?: { notLoaded: number; noSummary: number; imageLoading: number; noImage: number };
}

export interface ArtworkImageLoads {
  loaded: number;
  /** Loaded `<img>` without decoding="async" (decoded on the UI thread when painted). */
  notAsync: number;
  /** Loaded `<img>` whose natural width or height exceeds the small thumbnail's 160 px. */
  overSmall: number;
  maxNaturalSide: number;
  /** Loaded thumbnail URLs of the large size (the grid should ask only small). */
  largeUrls: number;
  /** `<img>` that failed (503 dropped as stale, 422 unreadable…). */
  errors: number;
}

export interface ArtworkLongTask {
  start: number;
  duration: number;
}

export interface ArtworkSweepResult {
  frames: number;
  scrollMs: number;
  /** Most cards (`[role=option]` plus placeholder cards) in the DOM on any frame. */
  maxCards: number;
  /** Most `.session-grid__row` in the DOM on any frame. */
  maxGridRows: number;
  /** Most `<img>` in the grid on any frame. */
  maxImages: number;
  /** Most elements in the document on any frame. */
  maxElements: number;
  /** `<img>` in the grid seen without decoding="async" or without loading="lazy" on any frame. */
  imgWithoutAsync: number;
  deepestPosinset: number;
  columns: number;
  stops: ArtworkStop[];
  /** Long tasks between the sweep's start and end. */
  longTasks: ArtworkLongTask[];
  /** Frame-to-frame gaps while scrolling (ms), for the longest frame. */
  longestFrameMs: number;
}

export const ARTWORK_PAGE_PROBE = String.raw`(() => {
  const longTasks = [];
  const images = { loaded: 0, notAsync: 0, overSmall: 0, maxNaturalSide: 0, largeUrls: 0, errors: 0 };
  const bench = { longTasks, images };
  Object.defineProperty(globalThis, '__artBench', { value: bench });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    bench.longTaskError = String(error);
  }
  const isThumb = (target) => target instanceof HTMLImageElement && target.src.includes('/artwork/');
  document.addEventListener('load', (event) => {
    const img = event.target;
    if (!isThumb(img)) return;
    images.loaded++;
    if (img.getAttribute('decoding') !== 'async') images.notAsync++;
    const side = Math.max(img.naturalWidth, img.naturalHeight);
    images.maxNaturalSide = Math.max(images.maxNaturalSide, side);
    if (side > 160) images.overSmall++;
    if (/\/large(\?|$)/.test(img.src)) images.largeUrls++;
  }, true);
  document.addEventListener('error', (event) => {
    if (isThumb(event.target)) images.errors++;
  }, true);

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));

  // Cards at least partly inside the scroller's viewport, and how many still lack a loaded thumbnail.
  const screen = (scroller) => {
    const view = scroller.getBoundingClientRect();
    let visible = 0;
    let unfilled = 0;
    // Why a card is unfilled: its session not loaded yet, no artwork summary yet, or its image
    // still loading (or failed).
    const why = { notLoaded: 0, noSummary: 0, imageLoading: 0, noImage: 0 };
    for (const card of scroller.querySelectorAll('.session-card')) {
      const rect = card.getBoundingClientRect();
      if (rect.bottom <= view.top || rect.top >= view.bottom) continue;
      visible++;
      const img = card.querySelector('img.artwork-thumb__image');
      const loaded = img && img.dataset.state === 'loaded' && img.complete && img.naturalWidth > 0;
      if (card.classList.contains('session-card--placeholder') || !loaded) {
        unfilled++;
        const thumb = card.querySelector('[data-has-artwork]');
        if (card.classList.contains('session-card--placeholder')) why.notLoaded++;
        else if (!thumb || thumb.dataset.hasArtwork !== 'true') why.noSummary++;
        else if (img) why.imageLoading++;
        else why.noImage++;
      }
    }
    return { visible, unfilled, why };
  };

  bench.sweep = async (plan) => {
    const scroller = document.querySelector('.grid-scroller');
    if (!scroller) throw new Error('no .grid-scroller in the page (grid view not shown?)');
    const result = {
      frames: 0, scrollMs: 0, maxCards: 0, maxGridRows: 0, maxImages: 0, maxElements: 0,
      imgWithoutAsync: 0, deepestPosinset: 0, columns: 0, stops: [], longTasks: [], longestFrameMs: 0,
    };
    const seenWithoutAsync = new WeakSet();
    const count = () => {
      const cards = scroller.querySelectorAll('[role="option"], .session-card--placeholder').length;
      result.maxCards = Math.max(result.maxCards, cards);
      result.maxGridRows = Math.max(result.maxGridRows, scroller.querySelectorAll('.session-grid__row').length);
      const imgs = scroller.querySelectorAll('img');
      result.maxImages = Math.max(result.maxImages, imgs.length);
      for (const img of imgs) {
        if ((img.getAttribute('decoding') !== 'async' || img.getAttribute('loading') !== 'lazy') && !seenWithoutAsync.has(img)) {
          seenWithoutAsync.add(img);
          result.imgWithoutAsync++;
        }
      }
      result.maxElements = Math.max(result.maxElements, document.getElementsByTagName('*').length);
      for (const option of scroller.querySelectorAll('[role="option"][aria-posinset]'))
        result.deepestPosinset = Math.max(result.deepestPosinset, Number(option.getAttribute('aria-posinset')));
      const firstRow = scroller.querySelector('.session-grid__row');
      if (firstRow) result.columns = Math.max(result.columns, firstRow.children.length);
    };
    const stopAndFill = async (way) => {
      const stoppedAt = performance.now();
      const deadline = stoppedAt + plan.fillTimeoutMs;
      for (;;) {
        await nextFrame();
        count();
        const shown = screen(scroller);
        if (shown.visible > 0 && shown.unfilled === 0) {
          const painted = await afterPaint();
          result.stops.push({ way, scrollTop: scroller.scrollTop, visibleCards: shown.visible, fillMs: painted - stoppedAt, unfilled: 0 });
          return;
        }
        if (performance.now() > deadline) {
          result.stops.push({ way, scrollTop: scroller.scrollTop, visibleCards: shown.visible, fillMs: null, unfilled: shown.unfilled, why: shown.why });
          return;
        }
      }
    };

    const started = performance.now();
    let last = started;
    let scrolling = 0;
    const maxTop = () => scroller.scrollHeight - scroller.clientHeight;
    for (const way of ['down', 'up']) {
      const every = Math.max(1, Math.floor(plan.framesPerWay / plan.stopsPerWay));
      for (let frame = 1; frame <= plan.framesPerWay; frame++) {
        const fraction = frame / plan.framesPerWay;
        scroller.scrollTop = Math.round(maxTop() * (way === 'down' ? fraction : 1 - fraction));
        const now = await nextFrame();
        result.longestFrameMs = Math.max(result.longestFrameMs, now - last);
        scrolling += now - last;
        last = now;
        result.frames++;
        count();
        if (frame % every === 0 || frame === plan.framesPerWay) {
          await stopAndFill(way);
          last = performance.now();
        }
      }
    }
    const ended = performance.now();
    result.scrollMs = scrolling;
    result.longTasks = longTasks.filter((task) => task.start >= started && task.start <= ended);
    return result;
  };
})();`;
