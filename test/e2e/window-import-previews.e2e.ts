// Import and previews in the window: "Add folder…" shows what a scan found (new / already in the
// library) and imports with progress; the player plays a preview, seeks on click, and waveform
// notes added at the playhead reach the Local API. Previews are added, preferred and removed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateProjectTree } from '../../bench/import-tree';
import { encodeWav, sine } from '../audio/audio-writers';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId, selectRow } from './window-helpers';

let app: E2eApp | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-e2e-import-'));
  dirs.push(dir);
  return dir;
}

/** A 4-second 44.1 kHz stereo sine as a 16-bit WAV (about 700 KB: a real mixdown). */
function writeMixdown(path: string, seconds = 4): string {
  mkdirSync(join(path, '..'), { recursive: true });
  const wave = sine(44_100 * seconds, 44_100, 220, 0.6);
  writeFileSync(
    path,
    encodeWav({ sampleRate: 44_100, channels: [wave, wave], format: { kind: 'int', bits: 16 } }),
  );
  return path;
}

const seconds = async (current: E2eApp): Promise<number> =>
  Number(await byTestId(current, 'player-time').getAttribute('data-seconds'));

describe('Add folder…', () => {
  it('lists what the scan found, new and already in the library, and imports with progress', async () => {
    const root = tempDir();
    const tree = await generateProjectTree(root, { projects: 400, seed: 7 });
    const known = tree.list[0]!.path;
    app = await startApp({
      seed: (core) => void core.sessions.create({ title: 'Known', projectPath: known }),
    });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);

    app.chosenFolders.push(root);
    await byTestId(app, 'add-folder').click();
    const dialog = byTestId(app, 'import-dialog');
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 15_000 }).toBe('review');
    const found = tree.list.length;
    expect(await byTestId(app, 'import-found').innerText()).toBe(
      `Found ${found} projects: ${found - 1} new, 1 already in your library.`,
    );
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe(`${found - 1} selected`);
    // The list is virtualised: only what is on screen is in the DOM.
    const rows = await byTestId(app, 'import-project').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);

    // Untick one project: it is not imported.
    const second = app.page.locator('[data-testid="import-project"][data-in-library="false"] input').first();
    await second.uncheck();
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe(`${found - 2} selected`);

    // Record every state of the progress bar the window shows.
    await app.page.evaluate(`(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        if (bar) window.__progress.push(Number(bar.getAttribute('aria-valuenow')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await byTestId(app, 'import-start').click();
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 30_000 }).toBe('done');
    expect(await byTestId(app, 'import-summary').innerText()).toBe(`${found - 2} projects imported`);
    const progress = (await app.page.evaluate('window.__progress')) as number[];
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress); // only ever moves forward

    // The library, through the API: every imported project, once.
    const listed = await app.apiRequest('GET', '/sessions?limit=1');
    expect(listed.json.meta.total).toBe(found - 1);
    await byTestId(app, 'import-close').click();
    expect(await dialog.count()).toBe(0);
    await expect
      .poll(() => byTestId(app!, 'result-count').innerText())
      .toBe(`${(found - 1).toLocaleString('en-US')} sessions`);

    // Scanning the same folder again: everything is already there except the unticked one.
    app.chosenFolders.push(root);
    await byTestId(app, 'add-folder').click();
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 15_000 }).toBe('review');
    expect(await byTestId(app, 'import-found').innerText()).toBe(
      `Found ${found} projects: 1 new, ${found - 1} already in your library.`,
    );
    await app.page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
  });

  it('says so when a folder holds no projects, and a cancelled dialog imports nothing', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'notes.txt'), 'not a project');
    app = await startApp();
    app.chosenFolders.push(null, root);
    await byTestId(app, 'empty-add-folder').click(); // cancelled picker: nothing happens
    expect(await byTestId(app, 'import-dialog').count()).toBe(0);
    await byTestId(app, 'empty-add-folder').click();
    await expect
      .poll(() =>
        byTestId(app!, 'import-found')
          .innerText()
          .catch(() => ''),
      )
      .toBe('No DAW projects were found in this folder or its subfolders.');
    expect(await byTestId(app, 'import-start').count()).toBe(0);
  });
});

describe('the preview player', () => {
  it('plays, seeks on click, and adds a waveform note at the playhead that the API sees', async () => {
    const dir = tempDir();
    const mix = writeMixdown(join(dir, 'Night Drive', 'Bounces', 'Night Drive v2.wav'));
    let id = '';
    app = await startApp({
      seed: (core) => {
        id = core.sessions.create({ title: 'Night Drive' }).id;
        core.previews.attach(id, { path: mix });
      },
    });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);
    await selectRow(app, id);
    const waveform = byTestId(app, 'waveform');
    await expect.poll(() => waveform.count(), { timeout: 15_000 }).toBe(1);
    expect(await byTestId(app, 'player-time').innerText()).toBe('0:00.0 / 0:04.0');

    // Play: the playhead moves; pause: it stops.
    await byTestId(app, 'player-toggle').click();
    await expect.poll(() => byTestId(app!, 'player-toggle').getAttribute('data-playing')).toBe('true');
    await expect.poll(() => seconds(app!), { timeout: 5000 }).toBeGreaterThan(0.2);
    await byTestId(app, 'player-toggle').click();
    await expect.poll(() => byTestId(app!, 'player-toggle').getAttribute('data-playing')).toBe('false');

    // Click three quarters of the way along the waveform: the playhead goes to 3 s of 4.
    const box = (await waveform.boundingBox())!;
    await app.page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await expect.poll(() => seconds(app!)).toBeCloseTo(3, 1);
    expect(await waveform.getAttribute('aria-valuenow')).toBe('3');

    // A note at the playhead.
    await byTestId(app, 'add-waveform-note').click();
    await byTestId(app, 'waveform-note-input').fill('Kick too loud here');
    await app.page.keyboard.press('Enter');
    await expect
      .poll(() => byTestId(app!, 'waveform-note-text').allInnerTexts())
      .toEqual(['Kick too loud here']);
    expect(await byTestId(app, 'waveform-marker').count()).toBe(1);
    const lane = (await app.apiRequest('GET', `/sessions/${id}/waveform-notes`)).json.data;
    expect(lane.notes).toHaveLength(1);
    expect(lane.notes[0].text).toBe('Kick too loud here');
    expect(lane.notes[0].timestamp).toBeCloseTo(3, 1);

    // Seek elsewhere, then click the note's time: back to the note.
    await app.page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
    await expect.poll(() => seconds(app!)).toBeCloseTo(1, 1);
    await byTestId(app, 'waveform-note-time').click();
    await expect.poll(() => seconds(app!)).toBeCloseTo(lane.notes[0].timestamp, 2);

    // A note added through the API appears live; editing and deleting in the window reach the API.
    await app.apiRequest('PUT', `/sessions/${id}/waveform-notes`, {
      notes: [
        ...lane.notes.map(({ id: noteId, timestamp, text }: Record<string, unknown>) => ({
          id: noteId,
          timestamp,
          text,
        })),
        { timestamp: 0.5, text: 'Intro from the API' },
      ],
    });
    await expect
      .poll(() => byTestId(app!, 'waveform-note-text').allInnerTexts())
      .toEqual(['Intro from the API', 'Kick too loud here']);
    await byTestId(app, 'waveform-note-text').last().click();
    await byTestId(app, 'waveform-note-input').fill('Kick fixed in v3');
    await app.page.keyboard.press('Enter');
    await expect
      .poll(async () =>
        (await app!.apiRequest('GET', `/sessions/${id}/waveform-notes`)).json.data.notes.map(
          (n: { text: string }) => n.text,
        ),
      )
      .toEqual(['Intro from the API', 'Kick fixed in v3']);
    await byTestId(app, 'waveform-note').first().hover();
    await byTestId(app, 'waveform-note-delete').first().click();
    await expect
      .poll(
        async () => (await app!.apiRequest('GET', `/sessions/${id}/waveform-notes`)).json.data.notes.length,
      )
      .toBe(1);

    // Space plays the selected session's preview from the list.
    await byTestId(app, 'session-list').focus();
    await app.page.keyboard.press('Space');
    await expect.poll(() => byTestId(app!, 'player-toggle').getAttribute('data-playing')).toBe('true');
    await app.page.keyboard.press('Space');
    await expect.poll(() => byTestId(app!, 'player-toggle').getAttribute('data-playing')).toBe('false');
  });

  it('adds previews from the picker, prefers one, removes one; the file stays', async () => {
    const dir = tempDir();
    const first = writeMixdown(join(dir, 'Song', 'Bounces', 'Song v1.wav'), 2);
    const second = writeMixdown(join(dir, 'Song', 'Bounces', 'Song v2.wav'), 3);
    let id = '';
    app = await startApp({ seed: (core) => void (id = core.sessions.create({ title: 'Song' }).id) });
    await expect.poll(() => byTestId(app!, 'session-row').count()).toBe(1);
    await selectRow(app, id);
    expect(await byTestId(app, 'previews-empty').count()).toBe(1);

    app.chosenAudio.push([first, second]);
    await byTestId(app, 'add-preview').click();
    await expect.poll(() => byTestId(app!, 'preview-item').count()).toBe(2);
    let session = (await app.apiRequest('GET', `/sessions/${id}`)).json.data;
    const idOf = (name: string): string => session.previews.find((p: { name: string }) => p.name === name).id;
    expect(session.previews.map((p: { name: string }) => p.name).sort()).toEqual(['Song v1', 'Song v2']);
    const [v1, v2] = [idOf('Song v1'), idOf('Song v2')];
    // The first file the user added is the one played by default until they choose another.
    expect(session.preferredPreviewId).toBe(v1);
    // The row shows a play button now.
    await expect.poll(() => byTestId(app!, 'preview-play').count()).toBe(1);

    await app.page
      .locator(`[data-testid="preview-item"][data-preview-id="${v2}"] [data-testid="preview-prefer"]`)
      .click();
    await expect
      .poll(async () => (await app!.apiRequest('GET', `/sessions/${id}`)).json.data.preferredPreviewId)
      .toBe(v2);
    await expect.poll(() => byTestId(app!, 'preview-player').getAttribute('data-preview-id')).toBe(v2);
    await expect.poll(() => byTestId(app!, 'player-time').innerText()).toMatch(/\/ 0:03\.0$/);

    const item = app.page.locator(`[data-testid="preview-item"][data-preview-id="${v1}"]`);
    await item.hover();
    await item.getByTestId('preview-remove').click();
    await byTestId(app, 'confirm-accept').click();
    await expect.poll(() => byTestId(app!, 'preview-item').count()).toBe(1);
    session = (await app.apiRequest('GET', `/sessions/${id}`)).json.data;
    expect(session.previews.map((p: { id: string }) => p.id)).toEqual([v2]);
    expect((await import('node:fs')).existsSync(first)).toBe(true);
  });
});
