// The "Add folder…" review on real-world folders (issue 12 §3): templates and presets are listed
// but left unticked with the reason; a Logic bundle saved without its extension is imported as
// Logic Pro; versions of one song are one group, the newest ticked and the others under it.
// Driven in the real browser against the real core.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { byTestId } from './window-helpers';

let app: E2eApp | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(closeBrowser);

/** A temp folder holding `files` (relative path → contents). */
function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sessiondock-e2e-review-'));
  dirs.push(root);
  for (const [relative, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), contents);
  }
  return root;
}

const XML_PLIST =
  '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n' +
  '  <key>LastSavedFrom</key>\n  <string>Logic Pro X 10.4.4 (4981.1)</string>\n</dict>\n</plist>\n';

/** The review's row for a project, by its path relative to the scanned folder. */
function row(current: E2eApp, root: string, relative: string) {
  return current.page.locator(`[data-testid="import-project"][data-path="${join(root, relative)}"]`);
}

async function openReview(current: E2eApp, root: string): Promise<void> {
  current.chosenFolders.push(root);
  await byTestId(current, 'add-folder').click();
  await expect
    .poll(() => byTestId(current, 'import-dialog').getAttribute('data-phase'), { timeout: 15_000 })
    .toBe('review');
}

describe('Add folder… review: templates and presets', () => {
  it('lists them unticked with the reason, imports the rest, and one can still be ticked', async () => {
    const root = folderWith({
      'Songs/Night Drive/Night Drive.rpp': '<REAPER_PROJECT 0.1 "7.0/linux"\n>\n',
      'Songs/flying-nothing/Alternatives/000/ProjectData': 'logic',
      'Songs/flying-nothing/Resources/ProjectInformation.plist': XML_PLIST,
      'Songs/Old Session/Old Session.pts': 'pro tools 5',
      'REAPER/ProjectTemplates/Film Template.rpp': '<REAPER_PROJECT 0.1 "6.04/x64"\n>\n',
      'Desk/Presets/M32 Record.RPP': '<REAPER_PROJECT 0.1 "7.73/x64"\n>\n',
      'Desk/Presets/Youtube recording.RPP': '<REAPER_PROJECT 0.1 "7.73/x64"\n>\n',
    });
    app = await startApp();
    await openReview(app, root);

    expect(await byTestId(app, 'import-found').innerText()).toBe(
      'Found 6 projects: 6 new, 0 already in your library.',
    );
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe('3 selected');
    const template = row(app, root, 'REAPER/ProjectTemplates/Film Template.rpp');
    expect(await template.getByTestId('import-reason').innerText()).toBe('REAPER template');
    expect(await template.locator('input').isChecked()).toBe(false);
    const preset = row(app, root, 'Desk/Presets/M32 Record.RPP');
    expect(await preset.getByTestId('import-reason').innerText()).toBe('REAPER preset');
    expect(await preset.locator('input').isChecked()).toBe(false);
    expect(
      await row(app, root, 'Songs/Night Drive/Night Drive.rpp').getByTestId('import-reason').count(),
    ).toBe(0);
    expect(await row(app, root, 'Songs/flying-nothing').locator('input').isChecked()).toBe(true);
    await app.screenshot('import-review-templates');

    // A preset the user wants after all.
    await preset.locator('input').check();
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe('4 selected');
    await byTestId(app, 'import-start').click();
    await expect
      .poll(() => byTestId(app!, 'import-dialog').getAttribute('data-phase'), { timeout: 30_000 })
      .toBe('done');

    const sessions = (await app.apiRequest('GET', '/sessions?limit=50')).json.data as {
      title: string;
      kind: string;
    }[];
    expect(sessions.map(({ title, kind }) => `${title} (${kind})`).sort()).toEqual([
      'M32 Record (Reaper)',
      'Night Drive (Reaper)',
      'Old Session (Pro Tools)',
      'flying-nothing (Logic Pro)',
    ]);
  });
});

describe('Add folder… review: versions of one song', () => {
  it('groups them under the newest, which alone is ticked; the others can be shown and ticked', async () => {
    const root = folderWith({
      'Song/Song.als': 'live set',
      'Song/Song v2.als': 'live set',
      'Song/Song final.als': 'live set',
      'Song/Other.als': 'live set',
    });
    const day = 86_400;
    const t0 = Date.UTC(2025, 0, 1) / 1000;
    utimesSync(join(root, 'Song/Song.als'), t0, t0);
    utimesSync(join(root, 'Song/Song v2.als'), t0 + day, t0 + day);
    utimesSync(join(root, 'Song/Song final.als'), t0 + 2 * day, t0 + 2 * day);
    app = await startApp();
    await openReview(app, root);

    expect(await byTestId(app, 'import-found').innerText()).toBe(
      'Found 4 projects: 4 new, 0 already in your library.',
    );
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe('2 selected');
    /** The rows on screen, in order: `true` for an older version listed under its newest. */
    const shown = async (): Promise<string[]> =>
      (await byTestId(app!, 'import-project').evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-older-version')} ${row.getAttribute('data-path')}`),
      )) as string[];
    const newest = row(app, root, 'Song/Song final.als');
    const toggle = newest.getByTestId('import-versions-toggle');
    expect(await toggle.innerText()).toBe('▸ 2 older versions');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await newest.locator('input').isChecked()).toBe(true);
    expect(await row(app, root, 'Song/Song v2.als').count()).toBe(0);
    expect(await shown()).toEqual([
      `false ${join(root, 'Song/Other.als')}`,
      `false ${join(root, 'Song/Song final.als')}`,
    ]);

    // Shown under the newest, newest first, unticked.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => byTestId(app!, 'import-project').count()).toBe(4);
    expect(await shown()).toEqual([
      `false ${join(root, 'Song/Other.als')}`,
      `false ${join(root, 'Song/Song final.als')}`,
      `true ${join(root, 'Song/Song v2.als')}`,
      `true ${join(root, 'Song/Song.als')}`,
    ]);
    await app.screenshot('import-review-versions');
    const older = row(app, root, 'Song/Song v2.als');
    expect(await older.locator('input').isChecked()).toBe(false);
    expect(await older.locator('.import-row__date').count()).toBe(1);

    // Tick one older version; hiding the group again keeps it ticked.
    await older.locator('input').check();
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe('3 selected');
    await toggle.click();
    await expect.poll(() => byTestId(app!, 'import-project').count()).toBe(2);
    expect(await byTestId(app, 'import-chosen-count').innerText()).toBe('3 selected');

    await byTestId(app, 'import-start').click();
    await expect
      .poll(() => byTestId(app!, 'import-dialog').getAttribute('data-phase'), { timeout: 30_000 })
      .toBe('done');
    const sessions = (await app.apiRequest('GET', '/sessions?limit=50')).json.data as { title: string }[];
    expect(sessions.map(({ title }) => title).sort()).toEqual(['Other', 'Song final', 'Song v2']);
  });
});
