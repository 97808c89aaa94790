import { spawnSync } from 'node:child_process';
import { chmod, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProjectTree } from '../../bench/import-tree';
import { collectScan, scanProjects } from '../../src/main/core/scan';
import type { ScanItem } from '../../src/main/core/scan';
import {
  ALL_KINDS_EXPECTED,
  ALL_KINDS_TREE,
  KINDS_IN_TREE,
  NOBODY,
  buildTree,
  canRunAsNobody,
  chmodBlocksReads,
  collect,
  describeProjects,
  dir,
  file,
  link,
  lockFolder,
  makeTempDir,
  relativeTo,
  removeTempDirs,
} from './fixtures';

const SCAN_AS_CHILD = fileURLToPath(new URL('scan-as-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

afterEach(removeTempDirs);

/** A fresh temp folder holding `tree`, as its real path (macOS's /var → /private/var, say). */
async function treeOf(spec: Parameters<typeof buildTree>[1]): Promise<string> {
  const root = await realpath(await makeTempDir());
  await buildTree(root, spec);
  return root;
}

describe('scanProjects: kinds and bundles', () => {
  it('finds every kind in the table with the right kind, and nothing else', async () => {
    const root = await treeOf(ALL_KINDS_TREE);
    const { projects, problems, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([...ALL_KINDS_EXPECTED].sort());
    expect(new Set(projects.map((project) => project.kind))).toEqual(new Set(KINDS_IN_TREE));
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ projects: ALL_KINDS_EXPECTED.length, problems: 0, cancelled: false });
  });

  it('yields absolute paths', async () => {
    const root = await treeOf({ 'Song/Song.als': file() });
    const { projects } = await collect(root);
    expect(projects).toEqual([
      { type: 'project', path: join(root, 'Song/Song.als'), kind: 'Ableton', isBundle: false },
    ]);
  });

  it('reports a bundle once, as a folder project, and never looks inside it', async () => {
    const root = await treeOf({
      'Song/Song.logicx/Alternatives/000/ProjectData': file(),
      'Song/Song.logicx/Alternatives/000/Fake.als': file(),
      'Song/Song.logicx/Alternatives/001/Other.logicx/ProjectData': file(),
      'Idea.band/Output/Inner.rpp': file(),
    });
    const { projects, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'Idea.band → GarageBand (bundle)',
      'Song/Song.logicx → Logic Pro (bundle)',
    ]);
    // The root and Song/: the bundles themselves are never listed.
    expect(summary.directories).toBe(2);
  });

  it('a file named like a bundle is not a project, a folder named like a file project is walked', async () => {
    const root = await treeOf({
      'Loose.logicx': file(),
      'Loose.band': file(),
      'Odd.als/Real.flp': file(),
    });
    const { projects } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['Odd.als/Real.flp → FL Studio']);
  });

  it('scanning a project file or a bundle directly yields just that project', async () => {
    const root = await treeOf({ 'Song.rpp': file(), 'Song.logicx/ProjectData': file(), 'notes.txt': file() });
    expect((await collect(join(root, 'Song.rpp'))).projects).toEqual([
      { type: 'project', path: join(root, 'Song.rpp'), kind: 'Reaper', isBundle: false },
    ]);
    expect((await collect(join(root, 'Song.logicx'))).projects).toEqual([
      { type: 'project', path: join(root, 'Song.logicx'), kind: 'Logic Pro', isBundle: true },
    ]);
    const notAProject = await collect(join(root, 'notes.txt'));
    expect(notAProject.projects).toEqual([]);
    expect(notAProject.problems).toMatchObject([{ path: join(root, 'notes.txt'), code: 'ENOTDIR' }]);
  });

  it('walks the chosen folder even when its own name would be skipped', async () => {
    const root = await treeOf({ 'Backup/Old.als': file(), '.stash/Hidden.als': file() });
    expect((await collect(join(root, 'Backup'))).projects.map((p) => relativeTo(root, p.path))).toEqual([
      'Backup/Old.als',
    ]);
    expect((await collect(join(root, '.stash'))).projects.map((p) => relativeTo(root, p.path))).toEqual([
      '.stash/Hidden.als',
    ]);
  });

  it('collectScan gathers the same projects and summary', async () => {
    const root = await treeOf(ALL_KINDS_TREE);
    const seen: ScanItem[] = [];
    const result = await collectScan(root, { onItem: (item) => seen.push(item) });
    expect(describeProjects(root, result.projects)).toEqual([...ALL_KINDS_EXPECTED].sort());
    expect(seen).toHaveLength(result.projects.length + result.problems.length);
    expect(result.summary.projects).toBe(ALL_KINDS_EXPECTED.length);
  });
});

describe('scanProjects: skip rules', () => {
  it.each([
    ['Ableton Backup/', 'Song/Backup/Song [2024-05-01 101010].als'],
    ['Ableton Backup/ (upper case)', 'Song/BACKUP/Song.als'],
    ['anything under Backup/', 'Song/Backup/Nested/Song.flp'],
    ['Reaper .rpp-bak', 'Song/Song.rpp-bak'],
    ['Reaper .RPP-BAK', 'Song/Song.RPP-BAK'],
    ['Studio One History/', 'Song/History/Song (Autosaved).song'],
    ['Pro Tools Session File Backups/', 'Song/Session File Backups/Song.bak.0001.ptx'],
    ['Pro Tools Session File Backups/ (other case)', 'Song/session file backups/Song.bak.0002.ptf'],
    ['plugin .vst3', 'Plugins/Synth.vst3/Contents/Resources/Preset.als'],
    ['plugin .component', 'Plugins/Synth.component/Contents/Demo.flp'],
    ['plugin .vst', 'Plugins/Synth.vst/Demo.rpp'],
    ['plugin .aaxplugin', 'Plugins/Synth.aaxplugin/Demo.ptx'],
    ['application .app', 'Apps/Editor.app/Contents/Resources/Template.song'],
    ['plugin .VST3 (upper case)', 'Plugins/SYNTH.VST3/Demo.cpr'],
    ['hidden folder', '.hidden/Secret.als'],
    ['hidden folder deeper', 'Song/.git/objects/Song.als'],
    ['hidden file', 'Song/.Song.als'],
    ['AppleDouble file', 'Song/._Song.als'],
  ])('skips %s', async (_rule, decoy) => {
    const root = await treeOf({ 'Song/Song.als': file(), [decoy]: file() });
    const { projects, problems } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['Song/Song.als → Ableton']);
    expect(problems).toEqual([]);
  });

  it('counts the folders it left alone', async () => {
    const root = await treeOf({
      'A/Backup/x.als': file(),
      'A/History/x.song': file(),
      'A/Session File Backups/x.ptx': file(),
      'A/X.vst3/x.als': file(),
      'A/.hidden/x.als': file(),
      'A/Samples': dir(),
    });
    const { summary } = await collect(root);
    expect(summary.skippedFolders).toBe(4); // hidden folders are ignored, not counted
    expect(summary.directories).toBe(3); // root, A, A/Samples
  });
});

describe('scanProjects: symbolic links', () => {
  it('survives a loop back to the scanned folder and to itself, with no duplicates', async () => {
    const root = await treeOf({
      'A/Song.als': file(),
      'A/up': link('..'),
      'A/self': link('.'),
      'B/Deep/Track.flp': file(),
      'B/Deep/loop': link('../..'),
    });
    const { projects, problems, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'A/Song.als → Ableton',
      'B/Deep/Track.flp → FL Studio',
    ]);
    expect(problems).toEqual([]);
    expect(summary.repeatedFolders).toBe(3);
  });

  it('never follows a link above the scanned folder', async () => {
    const outer = await realpath(await makeTempDir());
    await buildTree(outer, {
      'Beside/Sibling.als': file(),
      'Scanned/Mine.als': file(),
      'Scanned/Sub/escape': link('../..'),
      'Scanned/Sub/disk': link('/'),
    });
    const root = join(outer, 'Scanned');
    const { projects } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['Mine.als → Ableton']);
  });

  it('follows a link to a project folder outside the tree once, however many links point there', async () => {
    const outside = await realpath(await makeTempDir());
    await buildTree(outside, { 'Shared Song/Shared.als': file(), 'Shared Song/Backup/Old.als': file() });
    const root = await treeOf({
      'Mine/Mine.rpp': file(),
      Linked: link(join(outside, 'Shared Song')),
      'Again/Linked too': link(join(outside, 'Shared Song')),
      'Parent link': link(outside),
    });
    const { projects } = await collect(root);
    const paths = projects.map((project) => relativeTo(root, project.path));
    expect(paths.filter((path) => path.endsWith('Shared.als'))).toHaveLength(1);
    expect(paths).toContain('Mine/Mine.rpp');
    expect(paths.some((path) => path.endsWith('Old.als'))).toBe(false);
    expect(projects).toHaveLength(2);
  });

  it('reports a project reachable through a link into the tree once, at its real place', async () => {
    const root = await treeOf({
      'Clients/Song/Song.als': file(),
      'Clients/Beat.flp': file(),
      Shortcut: link('Clients/Song'),
      'Latest.flp': link('Clients/Beat.flp'),
      'Desktop/Current': link('../Clients'),
    });
    const { projects, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'Clients/Beat.flp → FL Studio',
      'Clients/Song/Song.als → Ableton',
    ]);
    expect(summary.repeatedFolders).toBe(2);
  });

  it('counts a link to a project file outside the tree once per real file', async () => {
    const outside = await realpath(await makeTempDir());
    await buildTree(outside, { 'Elsewhere.flp': file(), 'Elsewhere.logicx/ProjectData': file() });
    const root = await treeOf({
      'Via link.flp': link(join(outside, 'Elsewhere.flp')),
      'Second link.flp': link(join(outside, 'Elsewhere.flp')),
      'Named plainly': link(join(outside, 'Elsewhere.flp')),
      'Bundle link.logicx': link(join(outside, 'Elsewhere.logicx')),
      'Bundle plain': link(join(outside, 'Elsewhere.logicx')),
    });
    const { projects } = await collect(root);
    expect(projects.filter((project) => project.kind === 'FL Studio')).toHaveLength(1);
    const bundles = projects.filter((project) => project.kind === 'Logic Pro');
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.isBundle).toBe(true);
  });

  it('does not let a link pull in a project the rules skip where it really is', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Backup/Song old.als': file(),
      'Restored.als': link('Song/Backup/Song old.als'),
      'Plugin shortcut': link('Plugins/X.vst3'),
      'Plugins/X.vst3/Demo.als': file(),
    });
    const { projects } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['Song/Song.als → Ableton']);
  });

  it('ignores links entirely with followSymlinks: false', async () => {
    const outside = await realpath(await makeTempDir());
    await buildTree(outside, { 'Out.als': file() });
    const root = await treeOf({ 'In.als': file(), Out: link(outside), 'Broken.als': link('missing.als') });
    const { projects, problems } = await collect(root, { followSymlinks: false });
    expect(describeProjects(root, projects)).toEqual(['In.als → Ableton']);
    expect(problems).toEqual([]);
  });
});

describe('scanProjects: problems', () => {
  it('reports a broken link and a link loop, and goes on', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Broken.als': link('does-not-exist.als'),
      Gone: link('/nonexistent/sessiondock/folder'),
      'Loop A': link('Loop B'),
      'Loop B': link('Loop A'),
      'Zed/Last.flp': file(),
    });
    const { projects, problems, summary } = await collect(root);
    expect(describeProjects(root, projects)).toEqual(['Song/Song.als → Ableton', 'Zed/Last.flp → FL Studio']);
    const byPath = Object.fromEntries(problems.map((problem) => [relativeTo(root, problem.path), problem]));
    expect(Object.keys(byPath).sort()).toEqual(['Broken.als', 'Gone', 'Loop A', 'Loop B']);
    expect(byPath['Broken.als']).toMatchObject({
      code: 'ENOENT',
      reason: expect.stringMatching(/broken symbolic link/),
    });
    expect(byPath['Loop A']).toMatchObject({ code: 'ELOOP', reason: 'too many levels of symbolic links' });
    expect(summary.problems).toBe(4);
  });

  it('reports a missing root as one problem', async () => {
    const root = await treeOf({});
    const { projects, problems, summary } = await collect(join(root, 'missing'));
    expect(projects).toEqual([]);
    expect(problems).toEqual([
      { type: 'problem', path: join(root, 'missing'), reason: expect.any(String), code: 'ENOENT' },
    ]);
    expect(summary.problems).toBe(1);
  });

  it('reports an unreadable folder (chmod 000) and scans the rest', async (context) => {
    const root = await treeOf({
      'Before/A.als': file(),
      'Locked/Inside.als': file(),
      'Locked/Deeper/Also.flp': file(),
      'After/B.rpp': file(),
    });
    await lockFolder(join(root, 'Locked'));
    const expectUnreadable = (result: { projects: { path: string }[]; problems: unknown[] }): void => {
      expect(result.projects.map((project) => relativeTo(root, project.path)).sort()).toEqual([
        'After/B.rpp',
        'Before/A.als',
      ]);
      expect(result.problems).toEqual([
        { type: 'problem', path: join(root, 'Locked'), reason: 'permission denied', code: 'EACCES' },
      ]);
    };
    if (await chmodBlocksReads(root)) {
      expectUnreadable(await collect(root));
      return;
    }
    // Root reads through chmod 000. Run the same scan in a child process as `nobody` instead.
    if (!canRunAsNobody()) {
      context.skip(
        'chmod 000 does not block reads for this user (root) and no child can run as nobody: ' +
          'the unreadable-folder case is covered by the broken-link and mocked-EACCES tests only',
      );
    }
    await chmod(root, 0o755); // mkdtemp made it 0700, owned by root
    const child = spawnSync(process.execPath, ['--import', 'tsx', SCAN_AS_CHILD, root], {
      ...NOBODY,
      encoding: 'utf8',
      cwd: REPO_ROOT,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expectUnreadable(JSON.parse(child.stdout) as { projects: { path: string }[]; problems: unknown[] });
  });
});

describe('scanProjects: streaming and cancelling', () => {
  it('finds exactly the generated projects in a realistic tree', async () => {
    const root = await realpath(await makeTempDir());
    const tree = await generateProjectTree(root, { projects: 400, seed: 11 });
    const { projects, problems } = await collect(root);
    const describe = (list: { path: string; kind: string; isBundle: boolean }[]): string[] =>
      list.map((project) => `${project.path} ${project.kind} ${project.isBundle}`).sort();
    expect(describe(projects)).toEqual(describe(tree.list));
    expect(problems).toEqual([]);
  });

  it('aborting after the first result ends the generator with no further yields', async () => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 300, seed: 3 });
    const controller = new AbortController();
    const scan = scanProjects(root, { signal: controller.signal });
    const yielded: ScanItem[] = [];
    const started = performance.now();
    for await (const item of scan) {
      yielded.push(item);
      controller.abort();
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(yielded).toHaveLength(1);
    expect(await scan.next()).toEqual({ done: true, value: undefined });
  });

  it('aborting while it waits for a read resolves the pending next() at once, with a cancelled summary', async () => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 300, seed: 5 });
    const controller = new AbortController();
    const scan = scanProjects(root, { signal: controller.signal });
    const pending = scan.next();
    controller.abort();
    const step = await pending;
    // Either the walk had nothing yet (done) or one item was ready; after that it is over.
    const last = step.done ? step : await scan.next();
    expect(last.done).toBe(true);
    if (last.done) expect(last.value).toMatchObject({ cancelled: true });
  });

  it('an already aborted signal yields nothing', async () => {
    const root = await treeOf({ 'Song.als': file() });
    const { projects, summary } = await collect(root, { signal: AbortSignal.abort() });
    expect(projects).toEqual([]);
    expect(summary.cancelled).toBe(true);
  });

  it('stopping the loop early (break) ends the scan cleanly', async () => {
    const root = await realpath(await makeTempDir());
    await generateProjectTree(root, { projects: 200, seed: 9 });
    let seen = 0;
    for await (const item of scanProjects(root)) {
      if (item.type === 'project') seen++;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
  });

  it('gives the same projects whatever the concurrency and buffer size', async () => {
    const root = await treeOf(ALL_KINDS_TREE);
    for (const options of [{ concurrency: 1 }, { concurrency: 64 }, { highWaterMark: 1 }]) {
      const { projects } = await collect(root, options);
      expect(describeProjects(root, projects)).toEqual([...ALL_KINDS_EXPECTED].sort());
    }
  });
});
