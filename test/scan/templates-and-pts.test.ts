// Pro Tools 5–6 sessions (`.pts`) are projects; templates and presets are found but left unticked
// in the "Add folder…" review, with the reason (issue 12 §3). Synthetic trees, then the corpus.
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderScanService } from '../../src/main/core/scan/folder-scan-service';
import { templateReason } from '../../src/main/core/scan/templates';
import type { FolderScanResult } from '../../src/shared/ipc';
import { inferKindFromPath } from '../../src/shared/kinds';
import {
  buildTree,
  collect,
  describeProjects,
  file,
  makeTempDir,
  removeTempDirs,
  type TreeSpec,
} from './fixtures';

afterEach(removeTempDirs);

const CORPUS = join(__dirname, '../../../shared/corpus/projects');
const PRO_TOOLS_CORPUS = join(CORPUS, 'pro-tools/zamaudio__ptformat/bins');
const REAPER_TEMPLATES = join(CORPUS, 'reaper/ChrisPrunotto__ReaperResources');
const REAPER_PRESETS = join(CORPUS, 'reaper/Daniel-Kharrat__Protools-Reaper');

async function treeOf(spec: TreeSpec): Promise<string> {
  const root = await realpath(await makeTempDir('sessiondock-reasons-'));
  await buildTree(root, spec);
  return root;
}

/** The review's list: nothing is in the library here. */
async function review(root: string): Promise<FolderScanResult> {
  return new FolderScanService({ findIdByProjectPath: () => undefined }).scan(root);
}

/** `relative path → reason` for each project the review leaves unticked for a reason. */
function reasons(result: FolderScanResult): Record<string, string> {
  return Object.fromEntries(
    result.projects
      .filter((project) => project.reason !== undefined)
      .map((project) => [project.path.slice(result.root.length + 1), project.reason!]),
  );
}

describe('Pro Tools 5–6 sessions', () => {
  it('a .pts file is a Pro Tools project, in any case, and its backups are still skipped', async () => {
    const root = await treeOf({
      'Old/Session.pts': file(),
      'Old/LOUD.PTS': file(),
      'Old/Session File Backups/Session.bak.0001.pts': file(),
      'Old/Session.pts.bak': file(),
    });
    expect(describeProjects(root, (await collect(root)).projects)).toEqual([
      'Old/LOUD.PTS → Pro Tools',
      'Old/Session.pts → Pro Tools',
    ]);
    expect(inferKindFromPath('/Music/Old/Session.pts')).toBe('Pro Tools');
  });

  it.skipIf(!existsSync(PRO_TOOLS_CORPUS))('finds every session in the corpus, .pts included', async () => {
    expect(describeProjects(PRO_TOOLS_CORPUS, (await collect(PRO_TOOLS_CORPUS)).projects)).toEqual([
      'Damien_monos.pts → Pro Tools',
      'Fa_16_48.pts → Pro Tools',
      'RegionTest.ptx → Pro Tools',
      'TestPTX.ptx → Pro Tools',
      'forArdour.pts → Pro Tools',
      'goodplaylists2.ptf → Pro Tools',
      'midi345x.ptf → Pro Tools',
    ]);
  });
});

describe('templates and presets: found, left unticked, with the reason', () => {
  it("REAPER's ProjectTemplates/ and TrackTemplates/, and folders that say template or preset", async () => {
    const root = await treeOf({
      'REAPER/ProjectTemplates/Film Template.rpp': file(),
      'REAPER/ProjectTemplates/Scoring/Strings.rpp': file(),
      'REAPER/TrackTemplates/Vocal chain.RPP': file(),
      'Desk/M32 Presets/M32 Record.RPP': file(),
      'Desk/my_templates/Podcast.rpp': file(),
      'Desk/preset/Live.rpp': file(),
      'Songs/Night Drive/Night Drive.rpp': file(),
      'Songs/Night Drive Template copy/Mix.rpp': file(),
    });
    const result = await review(root);
    expect(result.projects).toHaveLength(8);
    expect(reasons(result)).toEqual({
      'REAPER/ProjectTemplates/Film Template.rpp': 'REAPER template',
      'REAPER/ProjectTemplates/Scoring/Strings.rpp': 'REAPER template',
      'REAPER/TrackTemplates/Vocal chain.RPP': 'REAPER template',
      'Desk/M32 Presets/M32 Record.RPP': 'REAPER preset',
      'Desk/my_templates/Podcast.rpp': 'REAPER template',
      'Desk/preset/Live.rpp': 'REAPER preset',
      'Songs/Night Drive Template copy/Mix.rpp': 'REAPER template',
    });
  });

  it("other DAWs' templates too, named after the DAW; the nearest folder decides", async () => {
    const root = await treeOf({
      'User Library/Templates/Default.als': file(),
      'Cubase/Project Templates/Tracking.cpr': file(),
      'Presets/Templates/Both.song': file(),
      'Templates/Presets/Both.bwproject': file(),
    });
    expect(reasons(await review(root))).toEqual({
      'User Library/Templates/Default.als': 'Ableton template',
      'Cubase/Project Templates/Tracking.cpr': 'Cubase template',
      'Presets/Templates/Both.song': 'Studio One template',
      'Templates/Presets/Both.bwproject': 'Bitwig preset',
    });
  });

  it('only whole words count, and only folders from the scanned one down', async () => {
    const root = await treeOf({
      'presetdesigner/Song/Song.rpp': file(),
      'Templateless/Song.als': file(),
      'Song Template.rpp': file(), // a file's own name is its title, not a folder's verdict
    });
    expect(reasons(await review(root))).toEqual({});
    // The chosen folder itself counts (REAPER's ProjectTemplates chosen directly); what is above it does not.
    const templates = await treeOf({ 'ProjectTemplates/Templates/Inside/Film.rpp': file() });
    expect(reasons(await review(join(templates, 'ProjectTemplates/Templates/Inside')))).toEqual({});
    expect(reasons(await review(join(templates, 'ProjectTemplates')))).toEqual({
      'Templates/Inside/Film.rpp': 'REAPER template',
    });
  });

  it('templateReason splits camel case and separators into words', () => {
    const reason = (folders: string[]): string | null => templateReason(folders, 'Reaper');
    expect(reason(['ProjectTemplates'])).toBe('REAPER template');
    expect(reason(['TRACKTEMPLATES'])).toBe('REAPER template'); // REAPER's own folder, in any case
    expect(reason(['MYTEMPLATES'])).toBe(null); // one word that is not "templates"
    expect(reason(['Mix-Template'])).toBe('REAPER template');
    expect(reason(['Presets2024'])).toBe('REAPER preset');
    expect(reason(['Templated'])).toBe(null);
    expect(reason(['Templates', 'Song'])).toBe('REAPER template');
    expect(reason([])).toBe(null);
  });

  it.skipIf(!existsSync(REAPER_TEMPLATES) || !existsSync(REAPER_PRESETS))(
    'the corpus: a REAPER project template and REAPER preset projects',
    async () => {
      expect(reasons(await review(REAPER_TEMPLATES))).toEqual({
        'ProjectTemplates/Film Template.rpp': 'REAPER template',
      });
      expect(reasons(await review(REAPER_PRESETS))).toEqual({
        'Presets/M32 Record.RPP': 'REAPER preset',
        'Presets/Youtube recording.RPP': 'REAPER preset',
      });
    },
  );
});
