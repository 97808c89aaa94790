// Several versions of one song in one folder (`Song.als`, `Song v2.als`, `Song final.als`) are one
// group in the "Add folder…" review: the newest first and ticked, the others under it (issue 12 §3).
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderScanService } from '../../src/main/core/scan/folder-scan-service';
import { groupVersions, songBaseName } from '../../src/main/core/scan/versions';
import type { FolderScanResult } from '../../src/shared/ipc';
import { audio, buildTree, makeTempDir, removeTempDirs, type TreeSpec } from './fixtures';

afterEach(removeTempDirs);

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** A project file with this modification time (the sparse-audio helper sets mtimes). */
const savedAt = (mtimeMs: number) => audio(16, mtimeMs);

async function treeOf(spec: TreeSpec): Promise<string> {
  const root = await realpath(await makeTempDir('sessiondock-versions-'));
  await buildTree(root, spec);
  return root;
}

async function review(root: string): Promise<FolderScanResult> {
  return new FolderScanService({ findIdByProjectPath: () => undefined }).scan(root);
}

/** The review's rows in order: `path`, or `  path ← newest` for an older version listed under its newest. */
function rows(result: FolderScanResult): string[] {
  const relative = (path: string): string => path.slice(result.root.length + 1);
  return result.projects.map((project) =>
    project.versionOf === undefined
      ? relative(project.path)
      : `  ${relative(project.path)} ← ${relative(project.versionOf)}`,
  );
}

describe('songBaseName: the name without version-ish suffixes', () => {
  it.each([
    ['Song.als', 'song'],
    ['Song v2.als', 'song'],
    ['Song V12.als', 'song'],
    ['Song_v3.als', 'song'],
    ['Song-v3.1.als', 'song'],
    ['Song ver 4.als', 'song'],
    ['Song version 5.als', 'song'],
    ['Song final.als', 'song'],
    ['Song FINAL FINAL v2.als', 'song'],
    ['Song (2).als', 'song'],
    ['Song(3).als', 'song'],
    ['Song copy.als', 'song'],
    ['Song copy 2.als', 'song'],
    ['Song - Copy (2).als', 'song'],
    ['Song 2024-01-03.als', 'song'],
    ['Song_20240103.als', 'song'],
    ['Song 2024-01-03 120000.als', 'song'],
    ['Song [2024-01-03 120000].als', 'song'],
    ['Song 03.01.2024.als', 'song'],
    ['Song mix.als', 'song'],
    ['Song master 2.als', 'song'],
    ['Song old.als', 'song'],
    ['Song new.als', 'song'],
    ['Song wip.als', 'song'],
    ['Song demo.als', 'song'],
    ['Song_alt.als', 'song'],
    ['Night_Drive  v2.rpp', 'night drive'],
    ['Night-Drive.rpp', 'night drive'],
    ['Tune.logicx', 'tune'],
    ['Tune v2.logicx', 'tune'],
  ])('%s → %s', (name, base) => {
    expect(songBaseName(name)).toBe(base);
  });

  it.each([
    ['Song remix.als', 'song remix'],
    ['Track 1.als', 'track 1'],
    ['Track 2.als', 'track 2'],
    ['Final.als', 'final'],
    ['v2.als', 'v2'],
    ['Mix v2.als', 'mix'],
    ['The Final Countdown.als', 'the final countdown'],
    ['Songfinal.als', 'songfinal'],
    ['Love.v2.band', 'love'],
    ['flying-nothing', 'flying nothing'],
  ])('keeps what is not a version marker: %s → %s', (name, base) => {
    expect(songBaseName(name)).toBe(base);
  });
});

describe('the review groups versions of one song', () => {
  it('newest first, the others under it newest first; other songs, kinds and folders apart', async () => {
    const root = await treeOf({
      'Song/Song.als': savedAt(T0),
      'Song/Song v2.als': savedAt(T0 + DAY),
      'Song/Song final.als': savedAt(T0 + 3 * DAY),
      'Song/Song_v3.als': savedAt(T0 + 2 * DAY),
      'Song/Song (2).als': savedAt(T0 - DAY),
      'Song/Song 2024-01-03.als': savedAt(T0 - 2 * DAY),
      'Song/Other.als': savedAt(T0),
      'Song/Song.rpp': savedAt(T0),
      'Song/Ideas/Song v4.als': savedAt(T0 + 9 * DAY),
      'Song/Song remix.als': savedAt(T0 + 9 * DAY),
    });
    expect(rows(await review(root))).toEqual([
      'Song/Ideas/Song v4.als',
      'Song/Other.als',
      'Song/Song final.als',
      '  Song/Song_v3.als ← Song/Song final.als',
      '  Song/Song v2.als ← Song/Song final.als',
      '  Song/Song.als ← Song/Song final.als',
      '  Song/Song (2).als ← Song/Song final.als',
      '  Song/Song 2024-01-03.als ← Song/Song final.als',
      'Song/Song remix.als',
      'Song/Song.rpp',
    ]);
  });

  it('each member of a group carries its modification time; a project alone carries none', async () => {
    const root = await treeOf({
      'A/Tune.flp': savedAt(T0),
      'A/Tune v2.flp': savedAt(T0 + DAY),
      'A/Alone.flp': savedAt(T0),
    });
    const byName = Object.fromEntries(
      (await review(root)).projects.map((p) => [p.path.slice(root.length + 3), p]),
    );
    expect(byName['Tune v2.flp']!.mtimeMs).toBe(T0 + DAY);
    expect(byName['Tune.flp']!.mtimeMs).toBe(T0);
    expect(byName['Alone.flp']!.mtimeMs).toBeUndefined();
    expect(byName['Alone.flp']!.versionOf).toBeUndefined();
  });

  it('on equal times the shorter name (the original, not the copy) is the newest', async () => {
    const root = await treeOf({
      'B/Beat copy.flp': savedAt(T0),
      'B/Beat.flp': savedAt(T0),
      'B/Beat copy 2.flp': savedAt(T0),
    });
    expect(rows(await review(root))).toEqual([
      'B/Beat.flp',
      '  B/Beat copy.flp ← B/Beat.flp',
      '  B/Beat copy 2.flp ← B/Beat.flp',
    ]);
  });

  it('bundles are dated by their ProjectData, which Logic rewrites on save', async () => {
    const root = await treeOf({
      'L/Tune.logicx/Alternatives/000/ProjectData': savedAt(T0 + 5 * DAY),
      'L/Tune v2.logicx/Alternatives/000/ProjectData': savedAt(T0 + DAY),
    });
    expect(rows(await review(root))).toEqual(['L/Tune.logicx', '  L/Tune v2.logicx ← L/Tune.logicx']);
  });

  it('a project that cannot be dated (gone since the scan) is never the newest', async () => {
    const root = await treeOf({ 'C/Song.als': savedAt(T0) });
    const project = (name: string) => ({
      path: join(root, 'C', name),
      kind: 'Ableton' as const,
      isBundle: false,
    });
    const grouped = await groupVersions([project('Song v9.als'), project('Song.als')]);
    expect(grouped.map(({ project: { path }, versionOf, mtimeMs }) => [path, versionOf, mtimeMs])).toEqual([
      [join(root, 'C/Song.als'), null, T0],
      [join(root, 'C/Song v9.als'), join(root, 'C/Song.als'), null],
    ]);
  });
});
