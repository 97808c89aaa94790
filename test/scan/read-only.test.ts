import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProjectTree } from '../../bench/import-tree';
import { findMixdowns } from '../../src/main/core/scan';
import {
  ALL_KINDS_TREE,
  audio,
  buildTree,
  collect,
  file,
  link,
  makeTempDir,
  removeTempDirs,
  snapshotTree,
} from './fixtures';

afterEach(removeTempDirs);

const SCAN_SOURCE = fileURLToPath(new URL('../../src/main/core/scan/', import.meta.url));

describe('scanning and mixdown detection write nothing', () => {
  it('leaves every file, folder, link and mtime of a scanned tree exactly as it was', async () => {
    const root = await realpath(await makeTempDir('sessiondock-readonly-'));
    await buildTree(join(root, 'kinds'), ALL_KINDS_TREE);
    await buildTree(join(root, 'mixdowns'), {
      'Client/Song/Song.als': file(),
      'Client/Song/Bounces/Song v1.wav': audio(250_000, Date.UTC(2024, 1, 1)),
      'Client/Song/Bounces/2024/Song v2.wav': audio(260_000, Date.UTC(2024, 2, 1)),
      'Client/Song/Song final.wav': audio(300_000, Date.UTC(2024, 3, 1)),
      'Client/Song/Samples/Recorded/take.wav': audio(400_000),
      'Client/Exports/Client master.flac': audio(210_000),
      'Client/Logic/Tune/Tune.logicx/Alternatives/000/ProjectData': file(),
      'Client/Logic/Tune/Bounces/Tune.aif': audio(220_000),
      'Client/Reaper/Mix.rpp': file('<REAPER_PROJECT 0.1 "7.0/linux"\n  RENDER_FILE "Royal print.wav"\n>\n'),
      'Client/Reaper/Royal print.wav': audio(230_000),
      'Client/Live/Tune Project/Tune.als': file(),
      'Client/Live/Tune Project/Ableton Project Info/Project8_1.cfg': file(),
      'Client/Live/Tune Project/Sunrise.wav': audio(240_000),
      'Client/Links/loop': link('..'),
      'Client/Links/broken.als': link('missing.als'),
    });
    await generateProjectTree(join(root, 'generated'), { projects: 120, seed: 99 });

    const before = await snapshotTree(root);
    const { projects, problems } = await collect(root);
    expect(projects.length).toBeGreaterThan(130);
    expect(problems.length).toBeGreaterThan(0); // the broken link: problem paths are read too
    let mixdowns = 0;
    for (const project of projects) mixdowns += (await findMixdowns(project.path, project.kind)).length;
    expect(mixdowns).toBeGreaterThan(10);
    const after = await snapshotTree(root);

    expect(after.size).toBe(before.size);
    expect([...after.entries()]).toEqual([...before.entries()]);
  });

  it('the scan module imports only reading functions from node:fs, and opens files for reading only', async () => {
    const allowed = new Set(['readdir', 'realpath', 'stat', 'lstat', 'opendir', 'open', 'Dirent', 'Stats']);
    const files = (await readdir(SCAN_SOURCE)).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const source = await readFile(join(SCAN_SOURCE, name), 'utf8');
      for (const match of source.matchAll(
        /import\s+(type\s+)?([^;]*?)\s+from\s+'(?:node:)?fs(?:\/promises)?'/g,
      )) {
        const clause = match[2]!;
        // Named imports only: a namespace or default import would hide what is used.
        expect(clause.trim().startsWith('{'), `${name}: ${match[0]}`).toBe(true);
        const names = clause
          .replace(/[{}]/g, '')
          .split(',')
          .map(
            (part) =>
              part
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)[0]!,
          )
          .filter(Boolean);
        for (const imported of names) expect(allowed.has(imported), `${name} imports ${imported}`).toBe(true);
      }
      // `open` reads a project's header (REAPER's render name, a bundle's plist): only ever with 'r'.
      for (const call of source.matchAll(/\bopen\(([^)]*)\)/g)) {
        expect(call[1], `${name}: ${call[0]}`).toMatch(/^[^,]+,\s*'r'$/);
      }
      expect(source, name).not.toMatch(/\brequire\(['"](node:)?fs/);
      expect(source, name).not.toMatch(/from '(node:)?child_process'/);
    }
  });
});
