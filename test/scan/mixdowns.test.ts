import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMixdowns, MIXDOWN_MIN_BYTES } from '../../src/main/core/scan';
import type { Mixdown, ScanProblem } from '../../src/main/core/scan';
import {
  audio,
  buildTree,
  file,
  link,
  makeTempDir,
  relativeTo,
  removeTempDirs,
  type TreeSpec,
} from './fixtures';

afterEach(removeTempDirs);

const BIG = 250_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

async function treeOf(spec: TreeSpec): Promise<string> {
  const root = await realpath(await makeTempDir('sessiondock-mixdowns-'));
  await buildTree(root, spec);
  return root;
}

/** Mixdowns found for `project` (relative to root), as paths relative to root, in the order returned. */
async function found(root: string, project: string, kind: Parameters<typeof findMixdowns>[1] = 'Ableton') {
  return (await findMixdowns(join(root, project), kind)).map((mixdown) => relativeTo(root, mixdown.path));
}

describe('findMixdowns: export folders', () => {
  const names = [
    'Bounces',
    'Bounce',
    'Exports',
    'Export',
    'Mixdown',
    'Mixdowns',
    'Renders',
    'Render',
    'Masters',
  ];
  const shout = (name: string): string => name.toUpperCase();
  const mangle = (name: string): string =>
    name
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())
      .replace(/s$/, 'S');

  it.each(names.flatMap((name) => [name, shout(name), mangle(name), name.toLowerCase()]))(
    'finds audio in %s/ in the project folder',
    async (folder) => {
      const root = await treeOf({
        'Song/Song.als': file(),
        [`Song/${folder}/anything at all.wav`]: audio(BIG),
      });
      expect(await found(root, 'Song/Song.als')).toEqual([`Song/${folder}/anything at all.wav`]);
    },
  );

  it.each(names.flatMap((name) => [name, shout(name)]))('finds audio in %s/ one level up', async (folder) => {
    const root = await treeOf({
      'Client/Song/Song.als': file(),
      [`Client/${folder}/Client mix.wav`]: audio(BIG),
    });
    expect(await found(root, 'Client/Song/Song.als')).toEqual([`Client/${folder}/Client mix.wav`]);
  });

  it('does not look two levels up, nor in folders with other names', async () => {
    const root = await treeOf({
      'Bounces/too far.wav': audio(BIG),
      'Client/Year/Song/Song.als': file(),
      'Client/Year/Song/Stuff/Song mix.wav': audio(BIG),
      'Client/Year/Song/My Bounces/Song mix.wav': audio(BIG),
      'Client/Year/Other Song/Bounces/sibling project.wav': audio(BIG),
    });
    expect(await found(root, 'Client/Year/Song/Song.als')).toEqual([]);
  });

  it('searches one level of subfolders in an export folder, not deeper', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Bounces/top.wav': audio(BIG, T0 + 3 * DAY),
      'Song/Bounces/2024-05/dated.wav': audio(BIG, T0 + 2 * DAY),
      'Song/Bounces/2024-05/old/deep.wav': audio(BIG, T0 + DAY),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([
      'Song/Bounces/top.wav',
      'Song/Bounces/2024-05/dated.wav',
    ]);
  });

  it('takes any audio name in an export folder (no name hint needed)', async () => {
    const root = await treeOf({ 'Song/Song.als': file(), 'Song/Exports/untitled 3.flac': audio(BIG) });
    expect(await found(root, 'Song/Song.als')).toEqual(['Song/Exports/untitled 3.flac']);
  });
});

describe('findMixdowns: the project folder itself', () => {
  it.each([
    ['the project name', 'Big Tune v3.wav'],
    ['the project name, other case', 'BIG TUNE.wav'],
    ['mix', 'rough mix.wav'],
    ['Mix inside a word', 'Remix idea.wav'],
    ['master', 'MASTER 1.wav'],
    ['final', 'final-final.wav'],
    ['bounce', 'Bounce 2.wav'],
    ['print', 'print 3.aiff'],
  ])('takes a file named with %s', async (_hint, name) => {
    const root = await treeOf({ 'Big Tune/Big Tune.als': file(), [`Big Tune/${name}`]: audio(BIG) });
    expect(await found(root, 'Big Tune/Big Tune.als')).toEqual([`Big Tune/${name}`]);
  });

  it('ignores audio without a hint, and does not look into other subfolders', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/vocals.wav': audio(BIG),
      'Song/drums.wav': audio(BIG),
      'Song/Ideas/Song mix.wav': audio(BIG),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([]);
  });

  it('the one-level-up folder is only searched for export folders, not by name', async () => {
    const root = await treeOf({ 'Client/Song/Song.als': file(), 'Client/Song final.wav': audio(BIG) });
    expect(await found(root, 'Client/Song/Song.als')).toEqual([]);
  });
});

describe('findMixdowns: excluded folders', () => {
  const excluded = [
    'Samples',
    'Recorded',
    'Processed',
    'Audio Files',
    'Backup',
    'Media',
    'Freeze',
    'Ableton Project Info',
    'SAMPLES',
    'audio files',
  ];

  it.each(excluded)('never takes audio from %s/ under an export folder', async (folder) => {
    const root = await treeOf({
      'Song/Song.als': file(),
      [`Song/Bounces/${folder}/Song mix.wav`]: audio(BIG),
      [`Song/Bounces/Fine/kept.wav`]: audio(BIG),
    });
    expect(await found(root, 'Song/Song.als')).toEqual(['Song/Bounces/Fine/kept.wav']);
  });

  it.each(excluded)('never takes hinted audio from %s/ next to the project', async (folder) => {
    const root = await treeOf({
      'Song/Song.als': file(),
      [`Song/${folder}/Song final mix master.wav`]: audio(BIG),
      [`Song/${folder}/Processed/Freeze/Song mix.wav`]: audio(BIG),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([]);
  });
});

describe('findMixdowns: size, types, order', () => {
  it(`takes files of at least ${MIXDOWN_MIN_BYTES} bytes (200 × 1024) and nothing smaller`, async () => {
    expect(MIXDOWN_MIN_BYTES).toBe(204_800);
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Bounces/just below.wav': audio(204_799, T0 + 3 * DAY),
      'Song/Bounces/exactly.wav': audio(204_800, T0 + 2 * DAY),
      'Song/Bounces/above.wav': audio(204_801, T0 + DAY),
      'Song/Bounces/empty.wav': audio(0),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([
      'Song/Bounces/exactly.wav',
      'Song/Bounces/above.wav',
    ]);
  });

  it('honours a custom minimum', async () => {
    const root = await treeOf({ 'Song/Song.als': file(), 'Song/Bounces/clip.mp3': audio(10_000) });
    const mixdowns = await findMixdowns(join(root, 'Song/Song.als'), 'Ableton', { minBytes: 1 });
    expect(mixdowns.map((mixdown) => mixdown.name)).toEqual(['clip']);
  });

  it('returns newest first across export folders and the project folder', async () => {
    const root = await treeOf({
      'Client/Song/Song.als': file(),
      'Client/Song/Bounces/v1.wav': audio(BIG, T0 + 1 * DAY),
      'Client/Song/Song final.wav': audio(BIG, T0 + 5 * DAY),
      'Client/Song/Renders/v3.flac': audio(BIG, T0 + 3 * DAY),
      'Client/Exports/v2.mp3': audio(BIG, T0 + 2 * DAY),
      'Client/Song/Bounces/v4.wav': audio(BIG, T0 + 4 * DAY),
    });
    expect(await found(root, 'Client/Song/Song.als')).toEqual([
      'Client/Song/Song final.wav',
      'Client/Song/Bounces/v4.wav',
      'Client/Song/Renders/v3.flac',
      'Client/Exports/v2.mp3',
      'Client/Song/Bounces/v1.wav',
    ]);
  });

  it('on equal times puts export folders first, then sorts by path', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Song mix.wav': audio(BIG, T0),
      'Song/Bounces/b.wav': audio(BIG, T0),
      'Song/Bounces/a.wav': audio(BIG, T0),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([
      'Song/Bounces/a.wav',
      'Song/Bounces/b.wav',
      'Song/Song mix.wav',
    ]);
  });

  it('describes each mixdown: path, name, size, mtime and a MIME type from the extension', async () => {
    const spec: TreeSpec = {
      'Song/Song.als': file(),
      'Song/Bounces/notes.txt': file(),
      'Song/Bounces/x.aac': audio(BIG),
    };
    const types: [string, string][] = [
      ['wav', 'audio/wav'],
      ['WAV', 'audio/wav'],
      ['aif', 'audio/aiff'],
      ['aiff', 'audio/aiff'],
      ['flac', 'audio/flac'],
      ['mp3', 'audio/mpeg'],
      ['m4a', 'audio/mp4'],
      ['ogg', 'audio/ogg'],
    ];
    types.forEach(([extension], index) => {
      spec[`Song/Bounces/Take ${index}.${extension}`] = audio(BIG + index, T0 + index * DAY);
    });
    const root = await treeOf(spec);
    const mixdowns = await findMixdowns(join(root, 'Song/Song.als'), 'Ableton');
    const expected: Mixdown[] = types
      .map(([extension, mime], index) => ({
        path: join(root, `Song/Bounces/Take ${index}.${extension}`),
        name: `Take ${index}`,
        size: BIG + index,
        mtimeMs: T0 + index * DAY,
        mime,
      }))
      .reverse();
    expect(mixdowns).toEqual(expected);
  });

  it('ignores hidden files (AppleDouble) and folders that only look like audio', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Bounces/._Song mix.wav': audio(BIG),
      'Song/Bounces/.hidden/Song mix.wav': audio(BIG),
      'Song/Bounces/Folder.wav/inside.txt': file(),
      'Song/Bounces/Nested.logicx/Song mix.wav': audio(BIG),
    });
    expect(await found(root, 'Song/Song.als')).toEqual([]);
  });

  it('lists a file reached twice (a symlink beside it) once', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Bounces/Song v3.wav': audio(BIG),
      'Song/Bounces/latest.wav': link('Song v3.wav'),
      'Song/Song final.wav': link('Bounces/Song v3.wav'),
      'Song/Exports': link('Bounces'),
    });
    expect(await found(root, 'Song/Song.als')).toHaveLength(1);
  });
});

describe('findMixdowns: bundles and project folders', () => {
  it('for a Logic bundle, searches the folder holding the bundle, by the bundle name', async () => {
    const root = await treeOf({
      'Song/Song.logicx/Alternatives/000/ProjectData': file(),
      'Song/Song.logicx/Bounces/inside bundle.wav': audio(BIG),
      'Song/Song.logicx/Song mix.wav': audio(BIG),
      'Song/Bounces/Song.wav': audio(BIG, T0 + DAY),
      'Song/Song v2.aif': audio(BIG, T0),
    });
    expect(await found(root, 'Song/Song.logicx', 'Logic Pro')).toEqual([
      'Song/Bounces/Song.wav',
      'Song/Song v2.aif',
    ]);
  });

  it('for a GarageBand bundle likewise', async () => {
    const root = await treeOf({
      'Ideas/Idea.band/projectData': file(),
      'Ideas/Idea.band/Output/Output.wav': audio(BIG),
      'Ideas/Idea bounce.m4a': audio(BIG),
    });
    expect(await found(root, 'Ideas/Idea.band', 'GarageBand')).toEqual(['Ideas/Idea bounce.m4a']);
  });

  it('a project path that is a plain folder is the project folder itself', async () => {
    const root = await treeOf({
      'Song Project/Song.als': file(),
      'Song Project/Exports/Song.wav': audio(BIG),
    });
    expect(await found(root, 'Song Project', 'Ableton')).toEqual(['Song Project/Exports/Song.wav']);
  });

  it('works the same whatever kind the caller passes', async () => {
    const root = await treeOf({ 'Song/Song.rpp': file(), 'Song/Renders/Song.wav': audio(BIG) });
    for (const kind of ['Reaper', 'Other', null, undefined] as const) {
      expect(await found(root, 'Song/Song.rpp', kind)).toEqual(['Song/Renders/Song.wav']);
    }
  });
});

describe('findMixdowns: failures', () => {
  it('a missing project still searches its folder; a missing folder gives nothing and a problem', async () => {
    const root = await treeOf({ 'Song/Bounces/Song.wav': audio(BIG) });
    expect(await found(root, 'Song/Gone.als')).toEqual(['Song/Bounces/Song.wav']);
    const problems: ScanProblem[] = [];
    const none = await findMixdowns(join(root, 'Nowhere/Gone.als'), 'Ableton', {
      onProblem: (p) => problems.push(p),
    });
    expect(none).toEqual([]);
    expect(problems).toMatchObject([{ path: join(root, 'Nowhere'), code: 'ENOENT' }]);
  });

  it('a broken link in an export folder is a problem, not a failure', async () => {
    const root = await treeOf({
      'Song/Song.als': file(),
      'Song/Bounces/gone.wav': link('missing.wav'),
      'Song/Bounces/ok.wav': audio(BIG),
    });
    const problems: ScanProblem[] = [];
    const mixdowns = await findMixdowns(join(root, 'Song/Song.als'), 'Ableton', {
      onProblem: (p) => problems.push(p),
    });
    expect(mixdowns.map((mixdown) => mixdown.name)).toEqual(['ok']);
    expect(problems).toMatchObject([{ path: join(root, 'Song/Bounces/gone.wav'), code: 'ENOENT' }]);
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const root = await treeOf({ 'Song/Song.als': file(), 'Song/Bounces/Song.wav': audio(BIG) });
    const signal = AbortSignal.abort();
    await expect(findMixdowns(join(root, 'Song/Song.als'), 'Ableton', { signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
