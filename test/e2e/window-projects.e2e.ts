// What each project file says, in the window (issue 12 §2): the detail panel's Project section,
// the list's Tempo and DAW version columns and the grid's tempo, the sidebar's Plugins and
// Missing samples, and the plugin, tempo and key filters — over real .rpp and .als files read by
// the app's own worker pool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ListQueryInput } from '../../src/shared/ipc';
import { parseListQuery } from '../../src/shared/validation/list-query';
import type { Core } from '../../src/main/core/create-core';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { abletonSet, GatedProjectReader, reaperProject, writeProject } from './project-files';
import { byTestId, rowOf, selectRow } from './window-helpers';

let app: E2eApp | null = null;
let reader: GatedProjectReader | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  await reader?.close();
  reader = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

const ALL = ['Anthem', 'Broken', 'Midnight', 'No project', 'Rush', 'Waltz'];

/**
 * Anthem (REAPER 7.12, 128 bpm, Serum twice and ReaEQ, one sample found and one missing), Waltz
 * (90 bpm in 3/4, Serum, its sample found), Rush (174 bpm, Vital, a sample missing), Midnight
 * (Ableton Live 11.3.4, 69.42 bpm in A minor, Pro-Q 3), Broken (not a project) and No project.
 */
function writeLibrary(dir: string): Record<string, string | null> {
  writeProject(join(dir, 'Anthem', 'Audio', 'kick.wav'), 'RIFF');
  writeProject(join(dir, 'Waltz', 'Audio', 'strings.wav'), 'RIFF');
  return {
    Anthem: writeProject(
      join(dir, 'Anthem', 'Anthem.rpp'),
      reaperProject({
        tempo: 128,
        sampleRate: 44100,
        tracks: [
          {
            name: 'Keys',
            fx: ['VST3i: Serum (Xfer Records)', 'VST3i: Serum (Xfer Records)', 'VST: ReaEQ (Cockos)'],
            samples: ['Audio/kick.wav', 'Audio/vox take 3.wav'],
          },
          { name: 'Drums', samples: ['Audio/kick.wav'] },
        ],
      }),
    ),
    Waltz: writeProject(
      join(dir, 'Waltz', 'Waltz.rpp'),
      reaperProject({
        tempo: 90,
        signature: [3, 4],
        tracks: [{ name: 'Pad', fx: ['VST3i: Serum (Xfer Records)'], samples: ['Audio/strings.wav'] }],
      }),
    ),
    Rush: writeProject(
      join(dir, 'Rush', 'Rush.rpp'),
      reaperProject({
        tempo: 174,
        tracks: [{ name: 'Bass', fx: ['VST3i: Vital (Vital Audio)'], samples: ['Audio/reese.wav'] }],
      }),
    ),
    Midnight: writeProject(
      join(dir, 'Midnight', 'Midnight.als'),
      abletonSet({
        creator: 'Ableton Live 11.3.4',
        tempo: 69.42,
        key: { root: 9, scale: 'Minor' },
        plugins: ['Pro-Q 3'],
        projectDir: join(dir, 'Midnight'),
      }),
    ),
    Broken: writeProject(join(dir, 'Broken', 'Broken.rpp'), 'this is not a REAPER project'),
    'No project': null,
  };
}

function seedProjects(core: Core, paths: Record<string, string | null>, ids: Record<string, string>): void {
  for (const [title, projectPath] of Object.entries(paths))
    ids[title] = core.sessions.create({
      title,
      kind: title === 'Midnight' ? 'Ableton' : 'Reaper',
      projectPath,
    }).id;
}

/** Starts the window over the library above; with a held reader, no project is read yet. */
async function startWithProjects(
  options: { viewport?: { width: number; height: number }; holdReads?: boolean } = {},
): Promise<{ app: E2eApp; ids: Record<string, string>; paths: Record<string, string | null> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-e2e-projects-'));
  dirs.push(dir);
  const paths = writeLibrary(dir);
  const ids: Record<string, string> = {};
  reader = new GatedProjectReader();
  if (options.holdReads) reader.hold();
  const started = await startApp({
    viewport: options.viewport ?? { width: 1920, height: 1080 },
    projectReader: reader,
    seed: (core) => seedProjects(core, paths, ids),
  });
  if (!options.holdReads) await started.core.projects.whenIdle();
  await expect.poll(() => byTestId(started, 'session-row').count()).toBe(ALL.length);
  return { app: started, ids, paths };
}

/** The titles the list shows, A→Z. */
async function listedTitles(e2e: E2eApp): Promise<string[]> {
  const titles = await e2e.page
    .locator('[data-testid="session-row"] .session-row__title-text')
    .allInnerTexts();
  return titles.sort();
}

/** Every list query the window sends, to check none is one main would refuse. */
function recordListQueries(e2e: E2eApp): ListQueryInput[] {
  const queries: ListQueryInput[] = [];
  const list = e2e.handlers['sessions:list'];
  e2e.handlers['sessions:list'] = (query) => {
    queries.push(query);
    return list(query);
  };
  return queries;
}

describe('the Project section', () => {
  it('shows what the project file says: version, tempo, signature, tracks, plugins, missing samples', async () => {
    const started = await startWithProjects();
    app = started.app;
    await selectRow(app, started.ids.Anthem!);
    const section = byTestId(app, 'project-section');
    await expect.poll(() => section.getAttribute('data-status')).toBe('ready');
    expect(await byTestId(app, 'project-version').innerText()).toBe('REAPER 7.12');
    expect(await byTestId(app, 'project-tempo').innerText()).toBe('128 bpm');
    expect(await byTestId(app, 'project-signature').innerText()).toBe('4/4');
    expect(await byTestId(app, 'project-key').innerText()).toBe('Not set');
    expect(await byTestId(app, 'project-sample-rate').innerText()).toBe('44.1 kHz');
    expect(await byTestId(app, 'project-track').allInnerTexts()).toEqual([
      'MASTER\nMaster',
      'INSTRUMENT\nKeys',
      'AUDIO\nDrums',
    ]);

    const plugins = byTestId(app, 'project-plugin');
    expect(await plugins.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-plugin')))).toEqual(
      ['Serum', 'ReaEQ'],
    );
    expect(await plugins.first().innerText()).toContain('×2');

    expect(await byTestId(app, 'project-samples-count').innerText()).toBe('1 missing of 2');
    const samples = byTestId(app, 'project-sample');
    // Missing first, flagged, with where it was looked for on hover.
    expect(await samples.first().getAttribute('data-missing')).toBe('true');
    expect(await samples.first().innerText()).toContain('vox take 3.wav');
    expect(await samples.first().getAttribute('title')).toBe(
      `Not found: ${join(started.paths.Anthem!, '..', 'Audio', 'vox take 3.wav')}\nThe project says: Audio/vox take 3.wav`,
    );
    expect(await samples.nth(1).getAttribute('data-missing')).toBe('false');

    // The Ableton set: its own version, a fractional tempo and a key.
    await selectRow(app, started.ids.Midnight!);
    await expect.poll(() => byTestId(app!, 'project-version').innerText()).toBe('Ableton Live 11.3.4');
    expect(await byTestId(app, 'project-tempo').innerText()).toBe('69.42 bpm');
    expect(await byTestId(app, 'project-key').innerText()).toBe('A minor');
  });

  it('says calmly why there is nothing to show, and reads again on request', async () => {
    const started = await startWithProjects();
    app = started.app;
    await selectRow(app, started.ids.Broken!);
    await expect.poll(() => byTestId(app!, 'project-section').getAttribute('data-status')).toBe('unreadable');
    expect(await byTestId(app, 'project-message').innerText()).toMatch(/^The project file cannot be read: /);
    expect(await byTestId(app, 'toast').count()).toBe(0);

    await selectRow(app, started.ids['No project']!);
    await expect
      .poll(() => byTestId(app!, 'project-message').innerText())
      .toBe('This session has no project file.');
    expect(await byTestId(app, 'project-reread').count()).toBe(0);

    // The file changes on disk: Re-read shows the new tempo.
    await selectRow(app, started.ids.Anthem!);
    await expect.poll(() => byTestId(app!, 'project-tempo').innerText()).toBe('128 bpm');
    writeProject(started.paths.Anthem!, reaperProject({ tempo: 132.5, tracks: [{ name: 'Keys' }] }));
    await byTestId(app, 'project-reread').click();
    await expect.poll(() => byTestId(app!, 'project-tempo').innerText()).toBe('132.5 bpm');
    expect(await byTestId(app, 'project-plugin').count()).toBe(0);
  });

  it('shows "Reading project…" while a project is pending and fills in when its read lands', async () => {
    const started = await startWithProjects({ holdReads: true });
    app = started.app;
    await selectRow(app, started.ids.Anthem!);
    await expect.poll(() => byTestId(app!, 'project-pending').innerText()).toBe('Reading project…');
    expect(await rowOf(app, started.ids.Anthem!).getByTestId('row-tempo').innerText()).toBe('—');
    // The rest of the panel works meanwhile.
    expect(await byTestId(app, 'detail-title').inputValue()).toBe('Anthem');

    reader!.release();
    // The first read starts the pool's worker thread.
    await app.core.projects.whenIdle();
    await expect.poll(() => byTestId(app!, 'project-tempo').innerText()).toBe('128 bpm');
    expect(await byTestId(app, 'project-pending').count()).toBe(0);
    // The list's columns and the sidebar follow the reads as they land, without a reload.
    await expect
      .poll(() => rowOf(app!, started.ids.Rush!).getByTestId('row-tempo').innerText())
      .toBe('174 bpm');
    await expect.poll(() => byTestId(app!, 'filter-missing-samples').count()).toBe(1);
  });
});

describe('the list, the grid and the sidebar', () => {
  it('shows tempo and DAW version columns, and tempo on grid cards', async () => {
    const started = await startWithProjects();
    app = started.app;
    const cells = async (title: string): Promise<[string, string]> => {
      const row = rowOf(app!, started.ids[title]!);
      return [
        await row.getByTestId('row-daw-version').innerText(),
        await row.getByTestId('row-tempo').innerText(),
      ];
    };
    await expect.poll(() => cells('Anthem')).toEqual(['REAPER 7.12', '128 bpm']);
    expect(await cells('Midnight')).toEqual(['Ableton Live 11.3.4', '69.42 bpm']);
    expect(await cells('Waltz')).toEqual(['REAPER 7.12', '90 bpm']);
    expect(await cells('No project')).toEqual(['—', '—']);
    expect(await cells('Broken')).toEqual(['—', '—']);
    const header = await app.page.locator('.list-header').innerText();
    expect(header).toContain('DAW VERSION');
    expect(header).toContain('TEMPO');

    await byTestId(app, 'view-grid').click();
    await expect
      .poll(() => rowOf(app!, started.ids.Midnight!).getByTestId('card-tempo').innerText())
      .toBe('69.42 bpm');
    expect(await rowOf(app, started.ids['No project']!).getByTestId('card-tempo').count()).toBe(0);
    await byTestId(app, 'view-list').click();
  });

  it('counts plugins and missing samples in the sidebar, and filters by them', async () => {
    const started = await startWithProjects();
    app = started.app;
    const counts = async (): Promise<Record<string, string>> => {
      const items = byTestId(app!, 'plugin-filter-item');
      const names = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-plugin')!));
      const numbers = await byTestId(app!, 'plugin-filter-count').allInnerTexts();
      return Object.fromEntries(names.map((name, i) => [name, numbers[i]!]));
    };
    await expect.poll(counts).toEqual({ Serum: '2', ReaEQ: '1', Vital: '1', 'Pro-Q 3': '1' });
    // Most used first.
    expect(Object.keys(await counts())[0]).toBe('Serum');

    await app.page.locator('[data-testid="plugin-filter-item"][data-plugin="Serum"]').click();
    await expect.poll(() => listedTitles(app!)).toEqual(['Anthem', 'Waltz']);
    expect(await byTestId(app, 'filter-chip').allInnerTexts()).toEqual(['Plugin: Serum']);
    await byTestId(app, 'clear-plugin').click();
    await expect.poll(() => listedTitles(app!)).toEqual(ALL);

    const missing = byTestId(app, 'filter-missing-samples');
    await expect.poll(() => missing.locator('.sidebar-item__count').innerText()).toBe('2');
    await missing.click();
    await expect.poll(() => listedTitles(app!)).toEqual(['Anthem', 'Rush']);
    expect(await missing.getAttribute('aria-current')).toBe('true');
    await byTestId(app, 'filter-all').click();
    await expect.poll(() => listedTitles(app!)).toEqual(ALL);
  });
});

describe('filters', () => {
  it('clicking a plugin in the Project section filters the library by it; the chip removes it', async () => {
    const started = await startWithProjects();
    app = started.app;
    await selectRow(app, started.ids.Rush!);
    await app.page.locator('[data-testid="project-plugin"][data-plugin="Vital"]').click();
    await expect.poll(() => listedTitles(app!)).toEqual(['Rush']);
    expect(await byTestId(app, 'filter-chip').allInnerTexts()).toEqual(['Plugin: Vital']);
    expect(
      await app.page
        .locator('[data-testid="plugin-filter-item"][data-plugin="Vital"]')
        .getAttribute('aria-pressed'),
    ).toBe('true');

    await byTestId(app, 'filter-chip-remove').click();
    await expect.poll(() => listedTitles(app!)).toEqual(ALL);
    expect(await byTestId(app, 'active-filters').count()).toBe(0);
  });

  it('narrows by tempo range and key, and never sends a value main would refuse', async () => {
    const started = await startWithProjects();
    app = started.app;
    const queries = recordListQueries(app);
    const { page } = app;

    await byTestId(app, 'filter-button').click();
    await byTestId(app, 'filter-tempo-min').fill('100');
    await byTestId(app, 'filter-tempo-max').fill('130');
    await byTestId(app, 'filter-apply').click();
    await expect.poll(() => listedTitles(app!)).toEqual(['Anthem']);
    expect(await byTestId(app, 'filter-chip').allInnerTexts()).toEqual(['Tempo 100–130 bpm']);

    // Invalid values are explained in place and cannot be applied.
    await byTestId(app, 'filter-button').click();
    expect(await byTestId(app, 'filter-tempo-min').inputValue()).toBe('100');
    await byTestId(app, 'filter-tempo-min').fill('fast');
    await expect
      .poll(() => byTestId(app!, 'filter-error').innerText())
      .toBe('Tempo is a number of bpm from 1 to 1000.');
    expect(await byTestId(app, 'filter-apply').isDisabled()).toBe(true);
    await byTestId(app, 'filter-tempo-min').fill('150');
    await expect
      .poll(() => byTestId(app!, 'filter-error').innerText())
      .toBe('The highest tempo is below the lowest.');
    await page.keyboard.press('Enter');
    expect(await byTestId(app, 'filter-popover').count()).toBe(1);
    await byTestId(app, 'filter-tempo-min').fill('');
    await byTestId(app, 'filter-tempo-max').fill('');
    await byTestId(app, 'filter-key').fill('H');
    await expect
      .poll(() => byTestId(app!, 'filter-error').innerText())
      .toBe('Not a key: try C, F# minor, Bbm or D dorian.');
    // Any spelling main understands; shown one way.
    await byTestId(app, 'filter-key').fill('Am');
    await page.keyboard.press('Enter');
    await expect.poll(() => listedTitles(app!)).toEqual(['Midnight']);
    expect(await byTestId(app, 'filter-chip').allInnerTexts()).toEqual(['Key: A minor']);
    expect(await byTestId(app, 'filter-popover').count()).toBe(0);

    // Tempo and key together, then each chip removes its own filter.
    await byTestId(app, 'filter-button').click();
    await byTestId(app, 'filter-tempo-max').fill('100');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => byTestId(app!, 'filter-chip').allInnerTexts())
      .toEqual(['Tempo ≤ 100 bpm', 'Key: A minor']);
    expect(await listedTitles(app)).toEqual(['Midnight']);
    await page
      .locator('[data-testid="filter-chip"][data-filter="key"] [data-testid="filter-chip-remove"]')
      .click();
    await expect.poll(() => listedTitles(app!)).toEqual(['Midnight', 'Waltz']);
    await byTestId(app, 'filter-chip-remove').click();
    await expect.poll(() => listedTitles(app!)).toEqual(ALL);

    expect(queries.length).toBeGreaterThan(4);
    for (const query of queries) expect(() => parseListQuery(query)).not.toThrow();
    expect(queries.some((query) => query.key === 'A minor' && query.tempoMax === 100)).toBe(true);
  });
});
