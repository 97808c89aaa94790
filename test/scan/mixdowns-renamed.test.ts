// Mixdowns named after the song rather than the project file (issue 12 §3): an Ableton Project
// folder's own bounces, the project folder's name, and REAPER's RENDER_FILE. Synthetic trees for
// every rule, then the real cases from the shared corpus (a renamed Live set, a REAPER render).
import { existsSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMixdowns } from '../../src/main/core/scan';
import {
  audio,
  buildTree,
  copyWritable,
  dir,
  file,
  makeTempDir,
  relativeTo,
  removeTempDirs,
  type TreeSpec,
} from './fixtures';

afterEach(removeTempDirs);

const BIG = 250_000;
const SMALL = 150_000;
const CORPUS = join(__dirname, '../../../shared/corpus/projects');
const RENAMED_LIVE_SET = join(CORPUS, 'ableton/polisen__ableton-project-analyzer/test_project');
const REAPER_RENDER = join(CORPUS, 'reaper/exvertus__reaper-projects/projects/test_track');

async function treeOf(spec: TreeSpec): Promise<string> {
  const root = await realpath(await makeTempDir('sessiondock-renamed-'));
  await buildTree(root, spec);
  return root;
}

async function found(root: string, project: string): Promise<string[]> {
  return (await findMixdowns(join(root, project))).map((mixdown) => relativeTo(root, mixdown.path)).sort();
}

/** A REAPER project's first lines, as REAPER writes them, with the given render lines. */
function rpp(renderLines: string, notes = ''): string {
  return [
    '<REAPER_PROJECT 0.1 "6.69/win64" 1666993213',
    '  <NOTES 0 2',
    ...(notes === '' ? [] : notes.split('\n').map((line) => `    |${line}`)),
    '  >',
    '  RIPPLE 0',
    '  RECORD_PATH "audio" ""',
    renderLines,
    '  RENDER_FMT 0 2 44100',
    '  <TRACK {A}',
    '    NAME Vox',
    '    RENDER_FILE "not the project\'s.wav"',
    '  >',
    '>',
    '',
  ].join('\n');
}

describe('findMixdowns: an Ableton Project folder takes its own top-level audio', () => {
  it('takes every top-level audio file of at least 200 KB, whatever its name', async () => {
    const root = await treeOf({
      'Helios Project/test_project.als': file(),
      'Helios Project/Ableton Project Info/Project8_1.cfg': file(),
      'Helios Project/helios.wav': audio(BIG),
      'Helios Project/bridge idea.aif': audio(BIG),
      'Helios Project/click.wav': audio(SMALL),
      'Helios Project/notes.txt': file(),
      'Helios Project/Samples/Recorded/take 1.wav': audio(BIG),
      'Helios Project/Stems/helios vox.wav': audio(BIG),
    });
    expect(await found(root, 'Helios Project/test_project.als')).toEqual([
      'Helios Project/bridge idea.aif',
      'Helios Project/helios.wav',
    ]);
  });

  it('also when the project path given is the Project folder itself, in any case', async () => {
    const root = await treeOf({
      'Tune Project/Tune.als': file(),
      'Tune Project/ABLETON PROJECT INFO': dir(),
      'Tune Project/Sunrise.mp3': audio(BIG),
    });
    expect(await found(root, 'Tune Project')).toEqual(['Tune Project/Sunrise.mp3']);
  });

  it('a file named like the info folder is not one, and the folder one level up does not count', async () => {
    const root = await treeOf({
      'Client/Ableton Project Info/Project8_1.cfg': file(),
      'Client/Song/Song.als': file(),
      'Client/Song/Ableton Project Info': file('a file, not the folder'),
      'Client/Song/vocals.wav': audio(BIG),
    });
    expect(await found(root, 'Client/Song/Song.als')).toEqual([]);
  });
});

describe("findMixdowns: the project folder's name is a name hint", () => {
  it('"X Project" means X, and the folder name counts as it is too', async () => {
    const root = await treeOf({
      'Helios Project/take 3.als': file(),
      'Helios Project/HELIOS 2021-08-02.wav': audio(BIG),
      'Helios Project/vocals.wav': audio(BIG),
      'Night Drive/sketch.rpp': file(rpp('  RENDER_FILE ""')),
      'Night Drive/Night Drive (radio).flac': audio(BIG),
      'Night Drive/drums.flac': audio(BIG),
    });
    expect(await found(root, 'Helios Project/take 3.als')).toEqual(['Helios Project/HELIOS 2021-08-02.wav']);
    expect(await found(root, 'Night Drive/sketch.rpp')).toEqual(['Night Drive/Night Drive (radio).flac']);
  });

  it('a folder name shorter than 3 characters gives no hint (it would be in too many names)', async () => {
    const root = await treeOf({ 'DJ Project/idea.als': file(), 'DJ Project/dj set drums.wav': audio(BIG) });
    expect(await found(root, 'DJ Project/idea.als')).toEqual([]);
  });
});

describe("findMixdowns: REAPER's RENDER_FILE names the mixdown", () => {
  it.each([
    ['a Windows path', '  RENDER_FILE "D:\\git\\songs\\test_track\\Royal Between.wav"'],
    ['a POSIX path', '  RENDER_FILE "/Users/me/Music/Royal Between.wav"'],
    ['a bare name without quotes', '  RENDER_FILE Royal.Between.flac'],
    ['a folder and a literal pattern', '  RENDER_FILE "C:\\Renders\\"\n  RENDER_PATTERN "Royal Between"'],
    [
      'a folder and a pattern with a folder',
      '  RENDER_FILE "/Renders"\n  RENDER_PATTERN "masters/Royal Between"',
    ],
  ])('from %s', async (_how, lines) => {
    const root = await treeOf({
      'test_track/test_track.rpp': file(rpp(lines)),
      'test_track/Royal Between.wav': audio(BIG),
      'test_track/Royal.Between.flac': audio(BIG),
      'test_track/guitar.wav': audio(BIG),
    });
    const mixdowns = await found(root, 'test_track/test_track.rpp');
    expect(mixdowns).not.toContain('test_track/guitar.wav');
    expect(mixdowns.length).toBeGreaterThan(0);
  });

  it('finds the render named in the project only, not in a track', async () => {
    const root = await treeOf({
      'Song/Song.rpp': file(rpp('  RENDER_FILE "C:\\out\\Royal Between.wav"')),
      'Song/Royal Between.wav': audio(BIG),
      "Song/not the project's.wav": audio(BIG),
    });
    expect(await found(root, 'Song/Song.rpp')).toEqual(['Song/Royal Between.wav']);
  });

  it('reads RENDER_FILE after a long note (past the first read)', async () => {
    const notes = Array.from({ length: 3000 }, (_, line) => `note line ${line} `.repeat(4)).join('\n');
    const root = await treeOf({
      'Song/Song.rpp': file(rpp('  RENDER_FILE "Royal Between.wav"', notes)),
      'Song/Royal Between.wav': audio(BIG),
    });
    expect(await found(root, 'Song/Song.rpp')).toEqual(['Song/Royal Between.wav']);
  });

  it('an empty RENDER_FILE, a $project pattern or a wildcard-only name adds no hint', async () => {
    const root = await treeOf({
      'Alpha/Alpha.rpp': file(rpp('  RENDER_FILE ""\n  RENDER_PATTERN "$project"')),
      'Alpha/$project.wav': audio(BIG),
      'Alpha/guitar.wav': audio(BIG),
      'Beta/Beta.rpp': file(rpp('  RENDER_FILE "/out/"\n  RENDER_PATTERN "$track"')),
      'Beta/$track.wav': audio(BIG),
      'Gamma/Gamma.rpp': file(rpp('  RENDER_FILE "/out/$project-$track.wav"')),
      'Gamma/$project-$track.wav': audio(BIG),
    });
    expect(await found(root, 'Alpha/Alpha.rpp')).toEqual([]);
    expect(await found(root, 'Beta/Beta.rpp')).toEqual([]);
    expect(await found(root, 'Gamma/Gamma.rpp')).toEqual([]);
  });

  it('a .rpp that is not text, is empty or cannot be read still gives the other mixdowns', async () => {
    const root = await treeOf({
      'Bin/Bin.rpp': file('\u0000\u0001\u0002 binary'),
      'Bin/Bin mix.wav': audio(BIG),
      'Empty/Empty.rpp': file(''),
      'Empty/Renders/x.wav': audio(BIG),
      'Missing/Missing mix.wav': audio(BIG),
    });
    expect(await found(root, 'Bin/Bin.rpp')).toEqual(['Bin/Bin mix.wav']);
    expect(await found(root, 'Empty/Empty.rpp')).toEqual(['Empty/Renders/x.wav']);
    expect(await found(root, 'Missing/Missing.rpp')).toEqual(['Missing/Missing mix.wav']);
  });
});

describe.skipIf(!existsSync(RENAMED_LIVE_SET))('findMixdowns on the corpus: a renamed Live set', () => {
  it("finds the song's bounce in the Project folder although the set has another name", async () => {
    // The set was renamed: its backups are named after the song, the sets are not.
    const backups = await readdir(join(RENAMED_LIVE_SET, 'Backup'));
    expect(backups.filter((name) => name.toLowerCase().startsWith('helios'))).toHaveLength(3);

    const root = await realpath(await makeTempDir('sessiondock-renamed-corpus-'));
    const project = join(root, 'test_project');
    await copyWritable(RENAMED_LIVE_SET, project);
    // The bounce Live writes next to the set, named after the song.
    await buildTree(project, { 'Helios.wav': audio(BIG) });

    for (const set of ['test_project.als', 'test_vocal_project.als']) {
      expect(await found(root, join('test_project', set))).toEqual(['test_project/Helios.wav']);
    }
  });
});

describe.skipIf(!existsSync(REAPER_RENDER))('findMixdowns on the corpus: a REAPER render', () => {
  it('finds the file RENDER_FILE names, which is not named after the project', async () => {
    const root = await realpath(await makeTempDir('sessiondock-render-corpus-'));
    const project = join(root, 'test_track');
    await copyWritable(REAPER_RENDER, project);
    await buildTree(project, { 'Royal Between.wav': audio(BIG), 'guitar.wav': audio(BIG) });
    expect(await found(root, 'test_track/test_track.rpp')).toEqual(['test_track/Royal Between.wav']);
  });
});
