// Logic and GarageBand bundles saved under a folder name without `.logicx`/`.band` (a git clone, a
// copy from another file system): recognised by what they hold (issue 12 §3), synthetic and real.
import { existsSync } from 'node:fs';
import { realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMixdowns } from '../../src/main/core/scan';
import {
  audio,
  buildTree,
  bytes,
  collect,
  copyWritable,
  describeProjects,
  dir,
  file,
  link,
  makeTempDir,
  relativeTo,
  removeTempDirs,
  type TreeNode,
  type TreeSpec,
} from './fixtures';

afterEach(removeTempDirs);

const CORPUS = join(__dirname, '../../../shared/corpus/projects');
const LOGIC_CORPUS = join(CORPUS, 'logic');
const GARAGEBAND_CORPUS = join(CORPUS, 'garageband');
const BIG = 250_000;

async function treeOf(spec: TreeSpec): Promise<string> {
  const root = await realpath(await makeTempDir('sessiondock-bundles-'));
  await buildTree(root, spec);
  return root;
}

/** An XML property list of string values, as `plutil -convert xml1` leaves one. */
function xmlPlist(values: Record<string, string>): TreeNode {
  const entries = Object.entries(values)
    .map(([key, value]) => `  <key>${key}</key>\n  <string>${value}</string>`)
    .join('\n');
  return file(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" ` +
      `"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${entries}\n</dict>\n</plist>\n`,
  );
}

/**
 * A binary property list (`bplist00`) whose top object is a dictionary of ASCII strings, the way
 * Logic and GarageBand write ProjectInformation.plist: objects, an offset table, a 32-byte trailer.
 */
function binaryPlist(values: Record<string, string>): TreeNode {
  const keys = Object.keys(values);
  const strings = [...keys, ...keys.map((key) => values[key]!)];
  const objects: Buffer[] = strings.map((text) => {
    const bytes = Buffer.from(text, 'latin1');
    const marker =
      bytes.length < 15 ? Buffer.from([0x50 | bytes.length]) : Buffer.from([0x5f, 0x10, bytes.length]);
    return Buffer.concat([marker, bytes]);
  });
  const dict = Buffer.from([0xd0 | keys.length, ...strings.map((_, index) => index)]);
  objects.push(dict);
  const header = Buffer.from('bplist00', 'latin1');
  const offsets: number[] = [];
  let position = header.length;
  for (const object of objects) {
    offsets.push(position);
    position += object.length;
  }
  const offsetTable = Buffer.alloc(offsets.length * 2);
  offsets.forEach((offset, index) => offsetTable.writeUInt16BE(offset, index * 2));
  const trailer = Buffer.alloc(32);
  trailer[6] = 2; // offset size
  trailer[7] = 1; // reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(objects.length - 1), 16); // the dictionary is the top object
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return bytes(Buffer.concat([header, ...objects, offsetTable, trailer]));
}

/** The inside of a Logic bundle as Logic 10 saves it. */
function logicBundle(folder: string, plist: TreeNode = binaryPlist({ LastSavedFrom: 'Logic Pro X 10.4.4' })) {
  return {
    [`${folder}/Alternatives/000/ProjectData`]: file(),
    [`${folder}/Alternatives/000/MetaData.plist`]: file(),
    [`${folder}/Alternatives/000/Project File Backups/00/ProjectData`]: file(),
    [`${folder}/Alternatives/000/Imported.als`]: file('inside the bundle: not a project of its own'),
    [`${folder}/Resources/ProjectInformation.plist`]: plist,
    [`${folder}/Media/Audio Files/Take#01.aif`]: audio(BIG),
  };
}

/** The inside of a GarageBand bundle as GarageBand 10 saves it (with `projectData` at the top). */
function garageBandBundle(folder: string) {
  return {
    [`${folder}/projectData`]: file(),
    [`${folder}/Alternatives/000/ProjectData`]: file(),
    [`${folder}/Alternatives/000/Autosave/2024-10-13 03:05:02Z.songData`]: file(),
    [`${folder}/Resources/ProjectInformation.plist`]: binaryPlist({
      LastSavedFrom: 'GarageBand 10.4.11 (5961)',
    }),
    [`${folder}/Output/Inner.rpp`]: file('inside the bundle: not a project of its own'),
  };
}

describe('scanProjects: Logic and GarageBand bundles without their extension', () => {
  it('reports such a folder once, as a bundle of the right kind, and never walks into it', async () => {
    const root = await treeOf({
      ...logicBundle('Songs/flying-nothing'),
      ...garageBandBundle('Songs/test-music'),
      'Songs/Song.als': file(),
    });
    const { projects, problems } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'Songs/Song.als → Ableton',
      'Songs/flying-nothing → Logic Pro (bundle)',
      'Songs/test-music → GarageBand (bundle)',
    ]);
    expect(problems).toEqual([]);
  });

  it('tells GarageBand from Logic by LastSavedFrom, else by projectData at the top', async () => {
    const root = await treeOf({
      ...logicBundle('a', binaryPlist({ VariantNames: 'x', LastSavedFrom: 'GarageBand 10.4.3 (5433)' })),
      ...logicBundle('b', xmlPlist({ LastSavedFrom: 'GarageBand 10.1' })),
      ...logicBundle('c', xmlPlist({ LastSavedFrom: 'Logic Pro 11.0.1', BundleVersion: 'GarageBand' })),
      // A project named after GarageBand, saved by Logic: the name is not what decides.
      ...logicBundle(
        'd',
        binaryPlist({ VariantNames: 'My GarageBand idea', LastSavedFrom: 'Logic Pro X 10.7' }),
      ),
      ...logicBundle('e', file('not a property list at all')),
      // A GarageBand song opened and saved in Logic: still has projectData, is Logic's now.
      ...logicBundle('f', xmlPlist({ LastSavedFrom: 'Logic Pro X 10.4.4 (4981.1)' })),
      'f/projectData': file(),
      // Nothing in the plist to go by: projectData says GarageBand.
      ...logicBundle('g', xmlPlist({ VariantNames: 'x' })),
      'g/projectData': file(),
    });
    const { projects } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'a → GarageBand (bundle)',
      'b → GarageBand (bundle)',
      'c → Logic Pro (bundle)',
      'd → Logic Pro (bundle)',
      'e → Logic Pro (bundle)',
      'f → Logic Pro (bundle)',
      'g → GarageBand (bundle)',
    ]);
  });

  it('a folder with Alternatives/ and Resources/ but no ProjectInformation.plist is an ordinary folder', async () => {
    const root = await treeOf({
      'Website/Alternatives/logo.png': file(),
      'Website/Resources/Demo.flp': file(),
      'Website/Resources/Info.plist': file(),
      'Half/Alternatives': dir(),
      'Half/ProjectInformation.plist': file(),
      'Half/Idea.rpp': file(),
      'Files/Alternatives': file('a file, not a folder'),
      'Files/Resources/ProjectInformation.plist': file(),
      'Files/Beat.flp': file(),
    });
    const { projects } = await collect(root);
    expect(describeProjects(root, projects)).toEqual([
      'Files/Beat.flp → FL Studio',
      'Half/Idea.rpp → Reaper',
      'Website/Resources/Demo.flp → FL Studio',
    ]);
  });

  it('scanning the bundle folder itself, or a link to it, yields the bundle', async () => {
    const root = await treeOf({
      ...logicBundle('outside/flying-nothing'),
      'tree/Current': link('../outside/flying-nothing'),
    });
    expect(describeProjects(root, (await collect(join(root, 'outside/flying-nothing'))).projects)).toEqual([
      'outside/flying-nothing → Logic Pro (bundle)',
    ]);
    expect(describeProjects(root, (await collect(join(root, 'tree'))).projects)).toEqual([
      'tree/Current → Logic Pro (bundle)',
    ]);
  });
});

describe('findMixdowns: a bundle without its extension', () => {
  it('searches the folder holding the bundle, by its name, never inside it', async () => {
    const root = await treeOf({
      ...logicBundle('Song/flying-nothing'),
      'Song/flying-nothing/Bounces/inside the bundle.wav': audio(BIG),
      'Song/flying-nothing/flying-nothing mix.wav': audio(BIG),
      'Song/Bounces/Song.wav': audio(BIG),
      'Song/flying-nothing v2.aif': audio(BIG),
    });
    const found = await findMixdowns(join(root, 'Song/flying-nothing'), 'Logic Pro');
    expect(found.map((mixdown) => relativeTo(root, mixdown.path)).sort()).toEqual([
      'Song/Bounces/Song.wav',
      'Song/flying-nothing v2.aif',
    ]);
  });
});

describe.skipIf(!existsSync(LOGIC_CORPUS) || !existsSync(GARAGEBAND_CORPUS))(
  'scanProjects on the corpus: bundles with and without their extension',
  () => {
    it('lists each Logic and GarageBand bundle once, with its kind', async () => {
      // The corpus's source folders of the suffixed bundles (`owner__name.logicx/`) carry the
      // extension themselves: by the kind table such a folder is the bundle and is not entered.
      expect(describeProjects(CORPUS, (await collect(LOGIC_CORPUS)).projects)).toEqual([
        'logic/chance-cyphers__flying-nothing/flying-nothing → Logic Pro (bundle)',
        'logic/ishikawam__GlitterBalloons.logicx → Logic Pro (bundle)',
      ]);
      expect(describeProjects(CORPUS, (await collect(GARAGEBAND_CORPUS)).projects)).toEqual([
        'garageband/johnshiver__test-music/test-music → GarageBand (bundle)',
        'garageband/markryall__surf.band → GarageBand (bundle)',
      ]);
      // Scanned from inside, the suffixed bundles are found by their extension as before.
      const glitter = join(LOGIC_CORPUS, 'ishikawam__GlitterBalloons.logicx/GlitterBalloons.logicx');
      expect((await collect(glitter)).projects).toMatchObject([{ kind: 'Logic Pro', isBundle: true }]);
    });

    it("tells a GarageBand bundle by its plist's LastSavedFrom when projectData is gone", async () => {
      const root = await realpath(await makeTempDir('sessiondock-bundles-corpus-'));
      await copyWritable(
        join(GARAGEBAND_CORPUS, 'johnshiver__test-music/test-music'),
        join(root, 'test-music'),
      );
      await rm(join(root, 'test-music/projectData'));
      expect(describeProjects(root, (await collect(root)).projects)).toEqual([
        'test-music → GarageBand (bundle)',
      ]);
    });
  },
);
