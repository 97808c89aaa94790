// Artwork in the window (issue 13 §2), in Chromium over the real core: chosen, dropped (a file the
// window knows the path of, and bytes that are no file), pasted, shown as thumbnails on list rows,
// grid cards and the detail panel (decoded: naturalWidth > 0), a placeholder for a missing image,
// removed, and refusals told in a toast with main's message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId, rowOf, selectRow } from './window-helpers';

let app: E2eApp | null = null;
let imageDir = '';
afterEach(async () => {
  await app?.close();
  app = null;
});
beforeAll(() => {
  imageDir = mkdtempSync(join(tmpdir(), 'sessiondock-e2e-artwork-'));
});
afterAll(async () => {
  await closeBrowser();
  rmSync(imageDir, { recursive: true, force: true });
});

async function png(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
}

async function writePng(name: string, width = 400, height = 300, color = '#d94f70'): Promise<string> {
  const path = join(imageDir, name);
  writeFileSync(path, await png(width, height, color));
  return path;
}

/** The decoded width of the thumbnail in `thumb` (0 while none is shown or it failed). */
async function shownWidth(thumb: Locator): Promise<number> {
  const image = thumb.locator('img[data-state="loaded"]');
  if ((await image.count()) === 0) return 0;
  return image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
}

/** Thumbnails are made in main's thread pool; the first ones of a run on a busy machine take a while. */
const THUMBNAIL_WAIT = { timeout: 15_000 };

const DETAIL_PANEL = '[data-testid="detail-panel"]';

function rowSelector(sessionId: string): string {
  return `[data-testid="session-row"][data-session-id="${sessionId}"]`;
}

function thumbOf(app: E2eApp, sessionId: string, variant: 'row' | 'card'): Locator {
  return rowOf(app, sessionId).getByTestId(`artwork-${variant}`);
}

function detailThumb(app: E2eApp): Locator {
  return byTestId(app, 'artwork-detail');
}

/** The artwork as the Local API has it: `{ source, path }`, or null without. */
async function storedArtwork(
  app: E2eApp,
  sessionId: string,
): Promise<{ source: string; path: string | null } | null> {
  const view = await app.handlers['artwork:get'](sessionId);
  if (!view.ok) throw new Error(view.error.message);
  return view.value && { source: view.value.source, path: view.value.path };
}

/**
 * Drops files on the element `selector` finds the way a file manager (or a browser) would: each
 * file's bytes given as base64, with `path` when the window is to know where it is on disk (what
 * Electron's pathForFile answers; a File's own path property before it).
 */
async function dropOn(
  app: E2eApp,
  selector: string,
  files: { name: string; type: string; base64: string; path?: string }[],
): Promise<void> {
  await app.page.evaluate(
    `((selector, files) => {
      const element = document.querySelector(selector);
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        const dropped = new File([bytes], file.name, { type: file.type });
        if (file.path) Object.defineProperty(dropped, 'path', { value: file.path });
        transfer.items.add(dropped);
      }
      for (const type of ['dragenter', 'dragover', 'drop'])
        element.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })(${JSON.stringify(selector)}, ${JSON.stringify(files)})`,
  );
}

/** Pastes into the focused element: a clipboard holding an image's bytes, and/or text. */
async function paste(
  app: E2eApp,
  clipboard: { image?: string; text?: string; uriList?: string },
): Promise<boolean> {
  return app.page.evaluate(
    `((clipboard) => {
      const data = new DataTransfer();
      if (clipboard.image) {
        const bytes = Uint8Array.from(atob(clipboard.image), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      }
      if (clipboard.text) data.setData('text/plain', clipboard.text);
      if (clipboard.uriList) data.setData('text/uri-list', clipboard.uriList);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      (document.activeElement ?? document.body).dispatchEvent(event);
      return event.defaultPrevented;
    })(${JSON.stringify(clipboard)})`,
  );
}

async function startWith(titles: string[]): Promise<{ app: E2eApp; ids: string[] }> {
  const ids: string[] = [];
  const started = await startApp({
    seed: (core) => {
      for (const title of titles) ids.push(core.sessions.create({ title }).id);
    },
  });
  await expect.poll(() => byTestId(started, 'session-row').count()).toBe(titles.length);
  return { app: started, ids };
}

describe('artwork in the window', () => {
  it('chooses an image: thumbnails on the row, the card and the detail panel, then removes it', async () => {
    const started = await startWith(['Night Drive', 'Other']);
    app = started.app;
    const [id] = started.ids as [string];
    const cover = await writePng('night-drive.png', 1200, 800);

    await selectRow(app, id);
    // No artwork yet: the placeholder (accent and initials) everywhere, no image.
    expect(await thumbOf(app, id, 'row').getAttribute('data-has-artwork')).toBe('false');
    expect(await thumbOf(app, id, 'row').innerText()).toBe('ND');
    expect(await detailThumb(app).locator('img').count()).toBe(0);

    app.chosenImages.push(cover);
    await byTestId(app, 'artwork-choose').click();
    await expect.poll(() => shownWidth(detailThumb(app!)), THUMBNAIL_WAIT).toBeGreaterThan(0);
    await expect.poll(() => shownWidth(thumbOf(app!, id, 'row')), THUMBNAIL_WAIT).toBeGreaterThan(0);
    expect(await storedArtwork(app, id)).toEqual({ source: 'file', path: cover });
    // Only thumbnails reach the window: 160 px for rows, within 640 px for the panel; never the file.
    expect(await shownWidth(thumbOf(app, id, 'row'))).toBe(160);
    expect(await shownWidth(detailThumb(app))).toBe(640);
    const sources = await app.page
      .locator('img')
      .evaluateAll((images) => images.map((image) => (image as unknown as { src: string }).src));
    for (const src of sources) expect(src).toMatch(/\/artwork\/[^/]+\/(small|large)\?v=/);
    await expect.poll(() => byTestId(app!, 'artwork-caption').innerText()).toContain('night-drive.png');
    expect(await byTestId(app, 'artwork-caption').innerText()).toContain('PNG · 1200 × 800');
    // The other session keeps its placeholder.
    expect(await thumbOf(app, started.ids[1]!, 'row').locator('img').count()).toBe(0);

    // The grid's cards show it too.
    await byTestId(app, 'view-grid').click();
    await expect.poll(() => shownWidth(thumbOf(app!, id, 'card')), THUMBNAIL_WAIT).toBe(160);

    await byTestId(app, 'artwork-remove').click();
    await expect.poll(() => storedArtwork(app!, id), THUMBNAIL_WAIT).toBeNull();
    await expect.poll(() => thumbOf(app!, id, 'card').locator('img').count()).toBe(0);
    expect(await detailThumb(app).locator('img').count()).toBe(0);
    await expect.poll(() => byTestId(app!, 'artwork-choose').innerText()).toBe('Choose…');
  });

  it('sets artwork from an image dropped on a row (bytes) and on the detail panel (a file path)', async () => {
    const started = await startWith(['Dropped On', 'Selected']);
    app = started.app;
    const [rowId, selectedId] = started.ids as [string, string];
    await selectRow(app, selectedId);

    // Dragged from a browser: no path, so its bytes are sent and kept by SessionDock.
    const bytes = (await png(300, 300, '#3a7bd5')).toString('base64');
    await dropOn(app, rowSelector(rowId), [{ name: 'from-browser.png', type: 'image/png', base64: bytes }]);
    await expect.poll(() => shownWidth(thumbOf(app!, rowId, 'row')), THUMBNAIL_WAIT).toBeGreaterThan(0);
    expect(await storedArtwork(app, rowId)).toEqual({ source: 'stored', path: null });
    // The row it was dropped on, not the selected session; no session was created from the file.
    expect(await storedArtwork(app, selectedId)).toBeNull();
    expect(await byTestId(app, 'session-row').count()).toBe(2);

    // A file from the file manager: sent by path, only read.
    const onDisk = await writePng('selected.png', 500, 500, '#2dbd6e');
    await dropOn(app, DETAIL_PANEL, [{ name: 'selected.png', type: 'image/png', base64: '', path: onDisk }]);
    await expect
      .poll(() => storedArtwork(app!, selectedId), THUMBNAIL_WAIT)
      .toEqual({ source: 'file', path: onDisk });
    await expect.poll(() => shownWidth(detailThumb(app!)), THUMBNAIL_WAIT).toBe(500);
    await expect.poll(() => shownWidth(thumbOf(app!, selectedId, 'row')), THUMBNAIL_WAIT).toBe(160);
  });

  it('refuses a dropped file that is not an image it takes, with main’s message, and changes nothing', async () => {
    const started = await startWith(['Keeps Nothing']);
    app = started.app;
    const [id] = started.ids as [string];
    await selectRow(app, id);
    const notAnImage = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>',
    ).toString('base64');
    await dropOn(app, DETAIL_PANEL, [{ name: 'logo.svg', type: 'image/svg+xml', base64: notAnImage }]);
    await expect
      .poll(() => byTestId(app!, 'toast').innerText(), THUMBNAIL_WAIT)
      .toContain('Could not set the artwork');
    expect(await byTestId(app, 'toast').innerText()).toContain('(this one is SVG)');
    expect(await storedArtwork(app, id)).toBeNull();
    expect(await byTestId(app, 'session-row').count()).toBe(1);
  });

  it('pastes an image into the focused detail panel; a text paste into a field stays text', async () => {
    const started = await startWith(['Pasted']);
    app = started.app;
    const [id] = started.ids as [string];
    await selectRow(app, id);

    // Text into the notes field: not taken as artwork.
    await byTestId(app, 'detail-panel').getByPlaceholder('Ideas, mix notes, to-dos…').focus();
    expect(await paste(app, { text: 'file:///tmp/cover.png' })).toBe(false);
    expect(await storedArtwork(app, id)).toBeNull();

    await byTestId(app, 'artwork-drop-zone').focus();
    const image = (await png(256, 128, '#f0b545')).toString('base64');
    expect(await paste(app, { image })).toBe(true);
    await expect.poll(() => shownWidth(detailThumb(app!)), THUMBNAIL_WAIT).toBe(256);
    expect(await storedArtwork(app, id)).toEqual({ source: 'stored', path: null });
    await expect.poll(() => byTestId(app!, 'artwork-caption').innerText()).toContain('Pasted image');

    // A file copied in a file manager arrives as a file:// URL.
    const copied = await writePng('copied file.png', 320, 320, '#a17bf6');
    await byTestId(app, 'artwork-drop-zone').focus();
    expect(await paste(app, { uriList: `file://${encodeURI(copied)}` })).toBe(true);
    await expect
      .poll(() => storedArtwork(app!, id), THUMBNAIL_WAIT)
      .toEqual({ source: 'file', path: copied });
    await expect.poll(() => shownWidth(detailThumb(app!)), THUMBNAIL_WAIT).toBe(320);

    // Outside the detail panel a paste is left alone.
    await byTestId(app, 'session-list').focus();
    expect(await paste(app, { image })).toBe(false);
  });

  it('shows the placeholder for an image whose file is gone, on the row and in the panel', async () => {
    const started = await startWith(['Lost Cover', 'Fine']);
    app = started.app;
    const [id] = started.ids as [string];
    const cover = await writePng('lost.png');
    expect((await app.apiRequest('PUT', `/sessions/${id}/artwork`, { path: cover })).status).toBe(200);
    rmSync(cover);
    await app.page.reload();
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(2);
    // The row knows it has artwork, its image fails (422), and the placeholder stays.
    await expect.poll(() => thumbOf(app!, id, 'row').getAttribute('data-has-artwork')).toBe('true');
    await expect.poll(() => thumbOf(app!, id, 'row').locator('img').count(), THUMBNAIL_WAIT).toBe(0);
    expect(await thumbOf(app, id, 'row').innerText()).toBe('LC');
    expect(await rowOf(app, id).innerText()).toContain('Lost Cover');

    await selectRow(app, id);
    await expect
      .poll(() => byTestId(app!, 'artwork-problem').innerText(), THUMBNAIL_WAIT)
      .toContain('missing');
    await expect.poll(() => detailThumb(app!).locator('img').count(), THUMBNAIL_WAIT).toBe(0);
    expect(await byTestId(app, 'artwork-remove').isVisible()).toBe(true);
  });

  it('asks a failed thumbnail again a moment later: a cover put back shows without a reload', async () => {
    const started = await startWith(['Back Again']);
    app = started.app;
    const [id] = started.ids as [string];
    const cover = await writePng('back.png');
    expect((await app.apiRequest('PUT', `/sessions/${id}/artwork`, { path: cover })).status).toBe(200);
    const bytes = readFileSync(cover);
    rmSync(cover);
    await app.page.reload();
    await expect.poll(() => thumbOf(app!, id, 'row').getAttribute('data-has-artwork')).toBe('true');
    await expect.poll(() => thumbOf(app!, id, 'row').locator('img').count(), THUMBNAIL_WAIT).toBe(0);
    writeFileSync(cover, bytes);
    await expect
      .poll(
        () =>
          thumbOf(app!, id, 'row')
            .locator('img')
            .evaluateAll((images) =>
              images.some((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
            ),
        THUMBNAIL_WAIT,
      )
      .toBe(true);
  });
});
