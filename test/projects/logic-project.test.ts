// Logic Pro (.logicx) and GarageBand (.band) bundles: synthetic bundles for every rule (binary
// plists built by bplist-writer.ts, XML plists, damaged ones), then the real bundles in the corpus.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appleBundleKind,
  detectAppleBundle,
  readLogicProject,
} from '../../src/main/core/projects/logic-project';
import { readPlist } from '../../src/main/core/projects/logic-plist';
import { fileSource, memorySource } from '../../src/main/core/projects/project-source';
import type { ProjectReader } from '../../src/main/core/projects/project-source';
import { resolveSample } from '../../src/main/core/projects/resolve-sample';
import { writeBinaryPlist, type PlistInput } from './bplist-writer';

// It is a ProjectReader: the registry can hold it beside the others.
const reader: ProjectReader = readLogicProject;

const INFORMATION = 'Resources/ProjectInformation.plist';
const METADATA = 'Alternatives/000/MetaData.plist';

const LOGIC_METADATA = {
  BeatsPerMinute: 92.5,
  SongSignatureNumerator: 7,
  SongSignatureDenominator: 8,
  SongKey: 'F#',
  SongGenderKey: 'minor',
  SampleRate: 48000,
  NumberOfTracks: 12,
  AudioFiles: ['Audio Files/Vox#01.aif', 'Audio Files/Gtr 2#03.wav', 'Audio Files/Vox#01.aif'],
  UnusedAudioFiles: ['Audio Files/Vox#00.aif'],
  SamplerInstrumentsFiles: ['/Library/Application Support/Logic/Sampler Instruments/Kit.exs'],
  ImpulsResponsesFiles: ['/Library/Audio/Impulse Responses/Apple/Hall.SDIR'],
};

function bundle(
  information: PlistInput,
  metadata: PlistInput,
  extra: Record<string, Buffer | string> = {},
): ReturnType<typeof memorySource> {
  return memorySource('/Music/Song.logicx', {
    [INFORMATION]: writeBinaryPlist(information),
    [METADATA]: writeBinaryPlist(metadata),
    'Alternatives/000/ProjectData': Buffer.from([0x23, 0x47, 0xc0, 0xab]),
    ...extra,
  });
}

describe('Logic Pro / GarageBand bundle reader', () => {
  it('reads version, tempo, signature, key, sample rate, track count and the used audio files', () => {
    const project = reader(bundle({ LastSavedFrom: 'Logic Pro X 10.4.1 (5361.14)' }, LOGIC_METADATA));
    expect(project).toEqual({
      kind: 'Logic Pro',
      dawVersion: 'Logic Pro X 10.4.1',
      tempo: 92.5,
      timeSignature: '7/8',
      key: 'F# minor',
      sampleRate: 48000,
      trackCount: 12,
      tracks: [],
      plugins: [],
      samplePaths: ['Audio Files/Vox#01.aif', 'Audio Files/Gtr 2#03.wav'],
      sampleBase: 'Media',
      savedAt: null,
    });
  });

  it('tells GarageBand from Logic by LastSavedFrom, then by the bundle contents', () => {
    const garageBand = readLogicProject(
      bundle({ LastSavedFrom: 'GarageBand 10.4.3 (5433)' }, LOGIC_METADATA, { projectData: '<?xml' }),
    );
    expect(garageBand).toMatchObject({ kind: 'GarageBand', dawVersion: 'GarageBand 10.4.3' });

    // A GarageBand song opened and saved in Logic is a Logic project, projectData or not.
    const savedByLogic = readLogicProject(
      bundle({ LastSavedFrom: 'Logic Pro 11.1 (6200)' }, LOGIC_METADATA, { projectData: '<?xml' }),
    );
    expect(savedByLogic).toMatchObject({ kind: 'Logic Pro', dawVersion: 'Logic Pro 11.1' });

    const unsaid = readLogicProject(bundle({ BundleVersion: 2 }, LOGIC_METADATA, { projectData: '<?xml' }));
    expect(unsaid).toMatchObject({ kind: 'GarageBand', dawVersion: null });
    expect(readLogicProject(bundle({}, LOGIC_METADATA)).kind).toBe('Logic Pro');
  });

  it('takes C major, the default of every new project, as no key; any other key is set', () => {
    const keyOf = (SongKey: string | null, SongGenderKey: string | null): string | null => {
      const metadata: Record<string, PlistInput> = { ...LOGIC_METADATA };
      delete metadata.SongKey;
      delete metadata.SongGenderKey;
      if (SongKey !== null) metadata.SongKey = SongKey;
      if (SongGenderKey !== null) metadata.SongGenderKey = SongGenderKey;
      return readLogicProject(bundle({}, metadata)).key;
    };
    expect(keyOf('C', 'major')).toBeNull();
    expect(keyOf('C', null)).toBeNull();
    expect(keyOf(null, 'minor')).toBeNull();
    expect(keyOf('C', 'minor')).toBe('C minor');
    expect(keyOf('A', 'major')).toBe('A major');
    expect(keyOf('Eb', 'Minor')).toBe('Eb minor');
  });

  it('leaves out values that are absent or not plausible', () => {
    const project = readLogicProject(
      bundle({}, { BeatsPerMinute: 0, SongSignatureNumerator: 4, SampleRate: 'x', AudioFiles: 'no' }),
    );
    expect(project).toMatchObject({
      tempo: null,
      timeSignature: null,
      sampleRate: null,
      trackCount: 0,
      samplePaths: [],
    });
  });

  it('reads the lowest-numbered alternative that has a MetaData.plist, never a backup', () => {
    const source = memorySource('/Music/Song.logicx', {
      [INFORMATION]: writeBinaryPlist({ LastSavedFrom: 'Logic Pro X 10.7 (5762)' }),
      'Alternatives/000/ProjectData': 'x',
      'Alternatives/000/Project File Backups/00/MetaData.plist': writeBinaryPlist({ BeatsPerMinute: 60 }),
      'Alternatives/010/MetaData.plist': writeBinaryPlist({ BeatsPerMinute: 140 }),
      'Alternatives/002/MetaData.plist': writeBinaryPlist({ BeatsPerMinute: 128 }),
    });
    expect(readLogicProject(source).tempo).toBe(128);
  });

  it('reads XML property lists too', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>BeatsPerMinute</key><real>101.5</real>
  <key>SongSignatureNumerator</key><integer>3</integer>
  <key>SongSignatureDenominator</key><integer>4</integer>
  <key>SongKey</key><string>G</string>
  <key>SongGenderKey</key><string>major</string>
  <key>isTimeCodeBased</key><false/>
  <key>AudioFiles</key><array><string>Audio Files/Take &amp; Two#01.aif</string></array>
  <key>Data</key><data>AAEC</data>
</dict>
</plist>`;
    const source = memorySource('/Music/Song.logicx', {
      [INFORMATION]:
        '<?xml version="1.0"?><plist><dict><key>LastSavedFrom</key><string>Logic Pro X 10.0.7 (3318)</string></dict></plist>',
      [METADATA]: xml,
    });
    expect(readLogicProject(source)).toMatchObject({
      dawVersion: 'Logic Pro X 10.0.7',
      tempo: 101.5,
      timeSignature: '3/4',
      key: 'G major',
      samplePaths: ['Audio Files/Take & Two#01.aif'],
    });
    expect(readPlist(Buffer.from(xml))).toMatchObject({
      Data: Buffer.from([0, 1, 2]),
      isTimeCodeBased: false,
    });
  });

  it('throws with the reason when a plist is missing', () => {
    const noInformation = memorySource('/Music/Song.logicx', {
      [METADATA]: writeBinaryPlist(LOGIC_METADATA),
    });
    expect(() => readLogicProject(noInformation)).toThrow(/ProjectInformation\.plist is missing/);
    const noMetadata = memorySource('/Music/Song.logicx', {
      [INFORMATION]: writeBinaryPlist({}),
      'Alternatives/000/ProjectData': 'x',
    });
    expect(() => readLogicProject(noMetadata)).toThrow(/no Alternatives\/NNN\/MetaData\.plist/);
    expect(() => readLogicProject(memorySource('/Music/empty', {}))).toThrow(/is missing/);
  });

  it('throws with the reason for a plist cut short at any byte, never another error', () => {
    const whole = writeBinaryPlist(LOGIC_METADATA);
    for (let length = 0; length < whole.length; length++) {
      const cut = bundle({}, null, { [METADATA]: whole.subarray(0, length) });
      expect(() => readLogicProject(cut), `cut at ${length}`).toThrow(
        /^Alternatives\/000\/MetaData\.plist is not readable: /,
      );
    }
    const xml = Buffer.from(
      '<?xml version="1.0"?><plist><dict><key>BeatsPerMinute</key><real>90</real></dict></plist>',
    );
    for (let length = 6; length < xml.length - 1; length++) {
      const cut = bundle({}, null, { [METADATA]: xml.subarray(0, length) });
      expect(() => readLogicProject(cut), `XML cut at ${length}`).toThrow(
        /MetaData\.plist is not readable: /,
      );
    }
  });

  it('refuses damaged binary plists the parser would loop on or blow up with', () => {
    const selfContaining = plistOf([Buffer.from([0xa1, 0x00])], 0);
    expect(() => readPlist(selfContaining)).toThrow(/contains itself/);

    // 40 arrays, each holding the next one twice: 2^40 objects once expanded, from a few hundred bytes.
    const doubling = Array.from({ length: 40 }, (_, i) =>
      Buffer.from(i === 39 ? [0x10, 0x01] : [0xa2, 0, i + 1, 0, i + 1]),
    );
    expect(() => readPlist(plistOf(doubling, 0, 2))).toThrow(/too many objects|nested too deeply/);

    const pastTheEnd = plistOf([Buffer.from([0x5f, 0x10, 0xff, 0x41])], 0);
    expect(() => readPlist(pastTheEnd)).toThrow(/runs past the end/);
    const danglingReference = plistOf([Buffer.from([0xa1, 0x07])], 0);
    expect(() => readPlist(danglingReference)).toThrow(/does not exist/);
    expect(() => readPlist(Buffer.from('hello'))).toThrow(/not a property list/);
    expect(() => readPlist(Buffer.from('bplist00'))).toThrow(/cut short/);
  });
});

/** A bplist00 of hand-made objects, for damage the writer cannot make. */
function plistOf(objects: Buffer[], top: number, refSize = 1): Buffer {
  const header = Buffer.from('bplist00', 'latin1');
  const offsets: number[] = [];
  let position = header.length;
  for (const object of objects) {
    offsets.push(position);
    position += object.length;
  }
  const table = Buffer.alloc(objects.length * 2);
  offsets.forEach((offset, i) => table.writeUInt16BE(offset, i * 2));
  const trailer = Buffer.alloc(32);
  trailer[6] = 2;
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([header, ...objects, table, trailer]);
}

describe('detectAppleBundle and appleBundleKind', () => {
  const lister = (tree: Record<string, string[]>) => (relativePath: string) => tree[relativePath] ?? [];

  it('recognises a bundle by Alternatives/, Resources/ and ProjectInformation.plist, whatever its name', () => {
    const logic = { '': ['Alternatives', 'Resources', 'Media'], Resources: ['ProjectInformation.plist'] };
    expect(detectAppleBundle(lister(logic))).toBe('Logic Pro');
    const garageBand = { ...logic, '': ['Alternatives', 'Resources', 'projectData'] };
    expect(detectAppleBundle(lister(garageBand))).toBe('GarageBand');
    expect(detectAppleBundle(lister({ ...logic, Resources: ['Other.plist'] }))).toBeNull();
    expect(detectAppleBundle(lister({ ...logic, '': ['Alternatives', 'Media'] }))).toBeNull();
    expect(detectAppleBundle(lister({ '': ['Song.als', 'Samples'] }))).toBeNull();
  });

  it('prefers LastSavedFrom to the contents, and falls back to them when the plist is unreadable', () => {
    const withProjectData = (information: Buffer | string) =>
      memorySource('/Music/test-music', {
        [INFORMATION]: information,
        [METADATA]: writeBinaryPlist({}),
        projectData: '<?xml',
      });
    expect(
      appleBundleKind(withProjectData(writeBinaryPlist({ LastSavedFrom: 'Logic Pro X 10.4.8 (5808)' }))),
    ).toBe('Logic Pro');
    expect(
      appleBundleKind(withProjectData(writeBinaryPlist({ LastSavedFrom: 'GarageBand 10.4.11 (5961)' }))),
    ).toBe('GarageBand');
    expect(appleBundleKind(withProjectData('bplist00 cut short'))).toBe('GarageBand');
    expect(appleBundleKind(memorySource('/Music/Song', { 'Song.rpp': 'x' }))).toBeNull();
  });
});

describe('samples of a bundle on disk, resolved against its Media folder', () => {
  let root: string;
  let song: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sessiondock-logic-'));
    // Saved without the .logicx suffix, as a copy from another file system leaves it.
    song = join(root, 'Song');
    mkdirSync(join(song, 'Resources'), { recursive: true });
    mkdirSync(join(song, 'Alternatives', '000'), { recursive: true });
    mkdirSync(join(song, 'Media', 'Audio Files'), { recursive: true });
    writeFileSync(
      join(song, 'Resources', 'ProjectInformation.plist'),
      writeBinaryPlist({ LastSavedFrom: 'Logic Pro X 10.4.1 (5361.14)' }),
    );
    writeFileSync(join(song, 'Alternatives', '000', 'MetaData.plist'), writeBinaryPlist(LOGIC_METADATA));
    writeFileSync(join(song, 'Media', 'Audio Files', 'Vox#01.aif'), 'FORM');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the audio file kept in Media/Audio Files and reports the missing one there', () => {
    const project = readLogicProject(fileSource(song));
    expect(appleBundleKind(fileSource(song))).toBe('Logic Pro');
    const samples = project.samplePaths.map((path) => resolveSample(path, join(song, project.sampleBase!)));
    expect(samples).toEqual([
      {
        storedPath: 'Audio Files/Vox#01.aif',
        resolvedPath: join(song, 'Media', 'Audio Files', 'Vox#01.aif'),
        exists: true,
      },
      {
        storedPath: 'Audio Files/Gtr 2#03.wav',
        resolvedPath: join(song, 'Media', 'Audio Files', 'Gtr 2#03.wav'),
        exists: false,
      },
    ]);
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects');
const GLITTER_BALLOONS = join(CORPUS, 'logic/ishikawam__GlitterBalloons.logicx/GlitterBalloons.logicx');
const FLYING_NOTHING = join(CORPUS, 'logic/chance-cyphers__flying-nothing/flying-nothing');
const SURF = join(CORPUS, 'garageband/markryall__surf.band/surf.band');
const TEST_MUSIC = join(CORPUS, 'garageband/johnshiver__test-music/test-music');

describe.skipIf(!existsSync(CORPUS))(
  'Logic and GarageBand bundles in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('GlitterBalloons.logicx (Logic Pro X 10.1.1): 120 bpm in 4/4, 31 tracks, its 32 used recordings', () => {
      const project = readLogicProject(fileSource(GLITTER_BALLOONS));
      expect(project).toMatchObject({
        kind: 'Logic Pro',
        dawVersion: 'Logic Pro X 10.1.1',
        tempo: 120,
        timeSignature: '4/4',
        key: null,
        sampleRate: 44100,
        trackCount: 31,
        sampleBase: 'Media',
      });
      expect(project.samplePaths).toHaveLength(32);
      // Stored as macOS writes names: decomposed (NFD) Unicode, kept exactly.
      expect(project.samplePaths).toContain('Audio Files/オーディオ 10#09.aif'.normalize('NFD'));
      expect(project.samplePaths).not.toContain('Audio Files/オーディオ 10#09.aif'.normalize('NFC'));
      // The one recording the corpus kept is an unused take: every used one is missing here.
      expect(project.samplePaths).not.toContain('Audio Files/V.Uc.2003#01.aif');
      const media = join(GLITTER_BALLOONS, project.sampleBase!);
      expect(project.samplePaths.filter((path) => resolveSample(path, media).exists)).toEqual([]);
      expect(resolveSample('Audio Files/V.Uc.2003#01.aif', media).exists).toBe(true);
    });

    it('flying-nothing, a Logic Pro X 10.4.4 bundle without its .logicx suffix: recognised and read', () => {
      expect(detectAppleBundle((path) => fileSource(FLYING_NOTHING).listInside(path))).toBe('Logic Pro');
      expect(appleBundleKind(fileSource(FLYING_NOTHING))).toBe('Logic Pro');
      expect(readLogicProject(fileSource(FLYING_NOTHING))).toMatchObject({
        kind: 'Logic Pro',
        dawVersion: 'Logic Pro X 10.4.4',
        tempo: 75,
        timeSignature: '4/4',
        key: null,
        sampleRate: 44100,
        trackCount: 9,
        samplePaths: ['Audio Files/12_2#04.aif'],
      });
    });

    it('surf.band (GarageBand 10.4.3): 110 bpm, 3 tracks, the one kept WAV found in Media', () => {
      const project = readLogicProject(fileSource(SURF));
      expect(project).toMatchObject({
        kind: 'GarageBand',
        dawVersion: 'GarageBand 10.4.3',
        tempo: 110,
        timeSignature: '4/4',
        key: null,
        sampleRate: 44100,
        trackCount: 3,
      });
      const samples = project.samplePaths.map((path) => resolveSample(path, join(SURF, project.sampleBase!)));
      expect(samples.map((sample) => [sample.storedPath, sample.exists])).toEqual([
        ['Audio Files/Sub Station#03.wav', false],
        ['Audio Files/Echo Studio#01.wav', true],
        ['Audio Files/Sub Station#04.wav', false],
        ['Audio Files/Guitar 2#01.wav', false],
      ]);
    });

    it('test-music, a GarageBand 10.4.11 bundle without its .band suffix: no audio files, factory content not counted', () => {
      expect(detectAppleBundle((path) => fileSource(TEST_MUSIC).listInside(path))).toBe('GarageBand');
      expect(appleBundleKind(fileSource(TEST_MUSIC))).toBe('GarageBand');
      expect(readLogicProject(fileSource(TEST_MUSIC))).toMatchObject({
        kind: 'GarageBand',
        dawVersion: 'GarageBand 10.4.11',
        tempo: 96,
        trackCount: 3,
        samplePaths: [],
      });
    });
  },
);
