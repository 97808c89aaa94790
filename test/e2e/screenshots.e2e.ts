// Screenshots of the window over a realistic library, for looking at the design:
// test-results/screenshots/{library-list,library-grid,detail-panel,detail-player,detail-project,
// library-project-filters,import-review,settings,library-list-1080,library-collections,session-menu,
// collection-view,library-list-artwork,library-grid-artwork,detail-artwork,settings-library,settings-mcp}.png (plus a few states worth checking by eye: the delete
// confirmation, empty and no-result states).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, SCREENSHOT_DIR, startApp, type E2eApp } from './harness';
import { seedLibrary } from './seed-library';
import { generateProjectTree } from '../../bench/import-tree';
import { reaperProject, writeProject } from './project-files';

let app: E2eApp | null = null;
let projectDir: string | null = null;
const extraDirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
  projectDir = null;
  for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

async function startSeeded(viewport = { width: 1280, height: 800 }): Promise<E2eApp> {
  const started = await startApp({
    viewport,
    seed: (core) => {
      projectDir = seedLibrary(core).projectDir;
    },
  });
  // The first start of a run also boots the project-reading workers for the seeded sessions: on a
  // busy 2-core machine the first rows can take several seconds.
  await expect
    .poll(() => started.page.getByTestId('session-row').count(), { timeout: 20_000 })
    .toBeGreaterThan(10);
  // Counts, tags and missing-project checks settle after the first rows.
  await expect
    .poll(() => started.page.getByTestId('missing-project').count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
  return started;
}

async function selectRow(e2e: E2eApp, title: string): Promise<void> {
  await e2e.page.getByTestId('session-row').filter({ hasText: title }).first().click();
  await expect.poll(() => e2e.page.getByTestId('detail-title').inputValue()).toBe(title);
}

/** A cover-like image: a diagonal gradient with a ring, its colours turned by `index`. */
async function coverArt(index: number): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},65%,22%)"/>
    </linearGradient></defs>
    <rect width="600" height="600" fill="url(#g)"/>
    <circle cx="${200 + (index % 3) * 100}" cy="${260 + (index % 2) * 80}" r="150" fill="none"
      stroke="hsla(${(hue + 180) % 360},90%,85%,0.75)" stroke-width="${18 + (index % 4) * 8}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Lets entrance animations (dialog, toast) finish so the picture shows the resting state. */
async function settle(e2e: E2eApp): Promise<void> {
  await e2e.page.waitForTimeout(300);
}

describe('screenshots', () => {
  it('library at 1280×800: list, grid, detail, settings', async () => {
    app = await startSeeded();
    const { page } = app;

    await selectRow(app, 'Late Checkout');
    await page.getByTestId('session-list').focus();
    await app.screenshot('library-list');

    await page.getByTestId('view-grid').click();
    await expect.poll(() => page.locator('.session-card').count()).toBeGreaterThan(4);
    await app.screenshot('library-grid');
    await page.getByTestId('view-list').click();

    // The player: a real waveform, its notes as markers, the playhead part-way through.
    await page.getByTestId('search-input').fill('glass hour');
    await selectRow(app, 'Glass Hour (extended mix)');
    const waveform = page.getByTestId('waveform');
    await expect.poll(() => waveform.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('waveform-marker').count()).toBe(3);
    const box = (await waveform.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.42, box.y + box.height / 2);
    await page.getByTestId('session-list').focus();
    await app.screenshot('detail-player');
    await page.getByTestId('search-clear').click();

    // A session whose project moved: the missing warning, a failed open, tag completion.
    await page.getByTestId('search-input').fill('amber');
    await expect.poll(() => page.getByTestId('session-row').count()).toBeLessThan(5);
    await selectRow(app, 'Amber Waves');
    await page.getByTestId('detail-open').click();
    await expect.poll(() => page.getByTestId('open-problem').count()).toBe(1);
    await page.getByTestId('detail-tags-input').click();
    await page.keyboard.type('s');
    await expect.poll(() => page.getByTestId('tag-suggestions').count()).toBe(1);
    await app.screenshot('detail-panel');
    // Escape closes the suggestions, then discards the half-typed tag.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByTestId('search-clear').click();

    // Some API traffic, so the request log has something to show.
    await app.apiRequest('GET', '/health');
    await app.apiRequest('GET', '/sessions?limit=5');
    await app.apiRequest('GET', '/sessions/session_unknown');
    await app.apiRequest('PATCH', '/sessions/session_unknown', { title: 'x' });
    await app.apiRequest('GET', '/tags');
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('recent-request').count()).toBeGreaterThan(3);
    await app.screenshot('settings');
    await page.keyboard.press('Escape');

    await selectRow(app, 'Late Checkout');
    await page.getByTestId('detail-delete').click();
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(1);
    await settle(app);
    await app.screenshot('confirm-delete');
    await page.getByTestId('confirm-accept').click();
    await expect.poll(() => page.getByTestId('toast-undo').count()).toBe(1);
    await settle(app);
    await app.screenshot('undo-toast');

    await page.getByTestId('search-input').fill('zzzz nothing');
    await expect.poll(() => page.getByTestId('no-results').count()).toBe(1);
    await app.screenshot('no-results');
  });

  it('library at 1920×1080', async () => {
    app = await startSeeded({ width: 1920, height: 1080 });
    await selectRow(app, 'Homecoming');
    await app.screenshot('library-list-1080');
    await app.page.getByTestId('view-grid').click();
    await app.screenshot('library-grid-1080');
    await app.page.getByTestId('view-list').click();
  });

  it('library at the smallest window (960×600)', async () => {
    app = await startSeeded({ width: 960, height: 600 });
    await selectRow(app, 'Homecoming');
    await app.screenshot('library-list-min');
  });

  it('the Project section: what a real project file says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-shot-project-'));
    extraDirs.push(dir);
    for (const found of ['kick 01.wav', 'snare tight.wav', 'vox lead comp.wav', 'pad bounce.wav'])
      writeProject(join(dir, 'Late Checkout', 'Audio', found), 'RIFF');
    const projectPath = writeProject(
      join(dir, 'Late Checkout', 'Late Checkout (club mix).rpp'),
      reaperProject({
        version: '7.22/macOS-arm64',
        tempo: 124,
        sampleRate: 48000,
        tracks: [
          { name: 'Drums', folder: true },
          { name: 'Kick', fx: ['VST3: Pro-Q 3 (FabFilter)'], samples: ['Audio/kick 01.wav'] },
          { name: 'Snare', fx: ['VST3: Pro-Q 3 (FabFilter)'], samples: ['Audio/snare tight.wav'] },
          { name: 'Hats', samples: ['Audio/hats 16th.wav'] },
          { name: 'Bass', fx: ['VST3i: Serum (Xfer Records)', 'VST3: Pro-Q 3 (FabFilter)'], midi: true },
          {
            name: 'Lead',
            fx: ['VST3i: Serum (Xfer Records)', 'VST3: ValhallaVintageVerb (Valhalla DSP)'],
            midi: true,
          },
          {
            name: 'Vox',
            fx: ['VST: ReaComp (Cockos)'],
            samples: ['Audio/vox lead comp.wav', 'Audio/vox double.wav'],
          },
          { name: 'Pad', samples: ['Audio/pad bounce.wav'] },
        ],
      }),
    );
    app = await startApp({
      seed: (core) => {
        projectDir = seedLibrary(core).projectDir;
        core.sessions.create({
          title: 'Late Checkout (club mix)',
          kind: 'Reaper',
          status: 'mixing',
          client: 'Luna Park Records',
          tags: ['house', 'club'],
          projectPath,
        });
      },
    });
    await app.core.projects.whenIdle();
    const { page } = app;
    await page.getByTestId('search-input').fill('club mix');
    await selectRow(app, 'Late Checkout (club mix)');
    await expect.poll(() => page.getByTestId('project-tempo').innerText()).toBe('124 bpm');
    await page.getByTestId('project-section').scrollIntoViewIfNeeded();
    await page.getByTestId('session-list').focus();
    await app.screenshot('detail-project');

    // A plugin chosen from the section, a tempo range typed in the Filters popover.
    await page.getByTestId('search-clear').click();
    await page.locator('[data-testid="project-plugin"][data-plugin="Serum"]').click();
    await expect.poll(() => page.getByTestId('filter-chip').count()).toBe(1);
    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-tempo-min').fill('120');
    await page.getByTestId('filter-tempo-max').fill('128');
    await settle(app);
    await app.screenshot('library-project-filters');
  });

  it('Add folder…: the projects a scan found', async () => {
    app = await startSeeded();
    const tree = mkdtempSync(join(tmpdir(), 'sessiondock-shot-tree-'));
    extraDirs.push(tree);
    await generateProjectTree(join(tree, 'Projects'), { projects: 240, seed: 3 });
    app.chosenFolders.push(join(tree, 'Projects'));
    await app.page.getByTestId('add-folder').click();
    await expect
      .poll(() => app!.page.getByTestId('import-dialog').getAttribute('data-phase'), { timeout: 15_000 })
      .toBe('review');
    await settle(app);
    await app.screenshot('import-review');
  });

  it('collections and a multi-selection', async () => {
    app = await startSeeded();
    const { page, core } = app;
    const ids = core.sessions.list({ limit: 12 }).data.map((session) => session.id);
    const album = core.collections.create({ name: 'Album — Northern Lights' });
    core.collections.addSessions(album.id, { sessionIds: ids.slice(0, 9) });
    const delivery = core.collections.create({ name: 'Client delivery' });
    core.collections.addSessions(delivery.id, { sessionIds: ids.slice(3, 6) });
    core.collections.create({ name: 'Mixing this month', query: { status: 'mixing' } });
    core.collections.create({ name: 'To finish' });
    await expect.poll(() => page.getByTestId('collection-item').count()).toBe(4);

    const rows = page.getByTestId('session-row');
    await rows.nth(1).click();
    await rows.nth(3).click({ modifiers: ['Shift'] });
    await rows.nth(6).click({ modifiers: ['Control'] });
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('4 selected');
    await page.getByTestId('session-list').focus();
    await settle(app);
    await app.screenshot('library-collections');

    await rows.nth(6).click({ button: 'right' });
    await page.getByTestId('menu-add-to').hover();
    await settle(app);
    await app.screenshot('session-menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('collection-item').first().click();
    await rows.first().click();
    await settle(app);
    await app.screenshot('collection-view');
  });

  it('artwork on rows, cards and the detail panel; Settings → Library', async () => {
    app = await startSeeded();
    const { page, core } = app;
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-shot-artwork-'));
    extraDirs.push(dir);
    // Every other session of the first screenful gets a cover; the rest keep their placeholder.
    const sessions = core.sessions
      .list({ limit: 16 })
      .data.filter((_, index) => index % 2 === 0 || index < 3);
    for (const [index, session] of sessions.entries()) {
      const path = join(dir, `cover-${index}.png`);
      writeFileSync(path, await coverArt(index));
      expect((await app.apiRequest('PUT', `/sessions/${session.id}/artwork`, { path })).status).toBe(200);
    }
    const thumbnails = page.locator('[data-testid="artwork-row"] img[data-state="loaded"]');
    await expect.poll(() => thumbnails.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await selectRow(app, sessions[1]!.title);
    await expect
      .poll(() => page.locator('[data-testid="artwork-detail"] img[data-state="loaded"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await page.getByTestId('session-list').focus();
    await app.screenshot('library-list-artwork');
    await page.getByTestId('detail-panel').screenshot({ path: join(SCREENSHOT_DIR, 'detail-artwork.png') });

    await page.getByTestId('view-grid').click();
    await expect
      .poll(() => page.locator('[data-testid="artwork-card"] img[data-state="loaded"]').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(6);
    await app.screenshot('library-grid-artwork');
    await page.getByTestId('view-list').click();

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('library-back-up-now').click();
    await expect.poll(() => page.getByTestId('library-outcome').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('library-backups').scrollIntoViewIfNeeded();
    await settle(app);
    await app.screenshot('settings-library');

    await page.getByTestId('mcp-settings').scrollIntoViewIfNeeded();
    await settle(app);
    await app.screenshot('settings-mcp');
  });

  it('an empty library', async () => {
    app = await startApp();
    await expect.poll(() => app!.page.getByTestId('empty-library').count()).toBe(1);
    await app.screenshot('empty-library');
  });
});
