// Bitwig Studio projects (.bwproject): synthetic files built here for every rule, then the real one
// in the shared corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBitwigMetadata, readBitwigProject } from '../../src/main/core/projects/bitwig-project';
import { fileSource, memorySource } from '../../src/main/core/projects/project-source';
import type { ProjectReader } from '../../src/main/core/projects/project-source';

// It is a ProjectReader: the registry can hold it beside the others.
const reader: ProjectReader = readBitwigProject;

const uint32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};
/** A string the way a 0002 file stores it: length-prefixed UTF-8, or UTF-16 with the top bit set. */
const lengthString = (text: string, utf16 = false): Buffer =>
  utf16
    ? Buffer.concat([uint32(0x80000000 | text.length), Buffer.from(text, 'utf16le').swap16()])
    : Buffer.concat([uint32(Buffer.byteLength(text)), Buffer.from(text, 'utf8')]);
const nulString = (text: string): Buffer => Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);

type Entry = [key: string, type: number, value: Buffer];
const stringEntry = (key: string, value: string, utf16 = false): Entry => [
  key,
  0x08,
  lengthString(value, utf16),
];

/** A Bitwig file: header, metadata entries, space padding, then `content` at the offset the header gives. */
function bitwigFile(entries: Entry[], options: { nul?: boolean; content?: Buffer } = {}): Buffer {
  const string = options.nul ? nulString : (text: string) => lengthString(text);
  const meta = Buffer.concat([
    uint32(4),
    string('meta'),
    ...entries.flatMap(([key, type, value]) => [uint32(1), string(key), Buffer.from([type]), value]),
    uint32(0),
  ]);
  const padding = options.nul ? 0 : 16;
  const contentOffset = 40 + meta.length + padding + 1;
  const header = `BtWg0001${options.nul ? '0000' : '0002'}008e${contentOffset.toString(16).padStart(8, '0')}${'0'.repeat(16)}`;
  return Buffer.concat([
    Buffer.from(header, 'latin1'),
    meta,
    Buffer.from(' '.repeat(padding) + '\n', 'latin1'),
    options.content ?? Buffer.alloc(0),
  ]);
}

/** The nested `structure`: a document naming the project's tracks, in NUL-string form. */
function structure(body: Buffer): Buffer {
  return bitwigFile([], { nul: true, content: body });
}
const object = (classId: number, ...fields: Buffer[]): Buffer =>
  Buffer.concat([uint32(classId), ...fields, uint32(0)]);
const nameField = (name: string): Buffer =>
  Buffer.concat([uint32(0xad1), Buffer.from([0x08]), nulString(name)]);
const listField = (field: number, ...objects: Buffer[]): Buffer =>
  Buffer.concat([uint32(field), Buffer.from([0x12]), ...objects, uint32(3)]);
const objectField = (field: number, value: Buffer): Buffer =>
  Buffer.concat([uint32(field), Buffer.from([0x09]), value]);

const STRUCTURE = structure(
  object(
    0x285,
    Buffer.concat([uint32(0xad3), Buffer.from([0x08]), nulString('')]),
    objectField(
      0xad2,
      object(
        0x283,
        nameField('Project'),
        listField(
          0xace,
          object(0x288, nameField('Lead')),
          object(
            0x999,
            nameField('Drums'),
            listField(0xace, object(0x287, nameField('Kick')), object(0x287, nameField('Snare'))),
          ),
          object(0x287, nameField('Vox ♪')),
        ),
        listField(0xacf, object(0x28a, nameField('Reverb'))),
        objectField(0xad0, object(0x28b, nameField('Master'))),
      ),
    ),
  ),
);

const PROJECT = bitwigFile([
  stringEntry('application_version_name', '5.2.4'),
  stringEntry('comment', 'second mix'),
  stringEntry('creator', 'Zoë', true),
  ['revision_no', 0x03, uint32(1234)],
  ['referenced_packaged_file_ids', 0x19, Buffer.concat([uint32(2), lengthString('a'), lengthString('b')])],
  ['structure', 0x0d, Buffer.concat([uint32(STRUCTURE.length), STRUCTURE])],
  stringEntry('tags', 'dark  techno'),
  stringEntry('title', 'Night Drive'),
  stringEntry('type', 'application/bitwig-project'),
]);

const source = (bytes: Buffer) => memorySource('/Music/Night Drive/Night Drive.bwproject', { '': bytes });

describe('Bitwig project reader', () => {
  it('reads the version, creator, title, comment and tags the metadata names', () => {
    expect(reader(source(PROJECT))).toMatchObject({
      dawVersion: 'Bitwig Studio 5.2.4',
      creator: 'Zoë',
      title: 'Night Drive',
      comment: 'second mix',
      tags: ['dark', 'techno'],
      tempo: null,
      timeSignature: null,
      key: null,
      sampleRate: null,
      plugins: [],
      samplePaths: [],
      savedAt: null,
    });
  });

  it('lists the structure’s tracks: instrument and audio by class, groups with their tracks, effect tracks, the master', () => {
    const project = readBitwigProject(source(PROJECT));
    expect(project.tracks).toEqual([
      { name: 'Lead', type: 'instrument' },
      { name: 'Drums', type: 'group' },
      { name: 'Kick', type: 'audio' },
      { name: 'Snare', type: 'audio' },
      { name: 'Vox ♪', type: 'audio' },
      { name: 'Reverb', type: 'return' },
      { name: 'Master', type: 'master' },
    ]);
    expect(project.trackCount).toBe(7);
  });

  it('keeps every metadata entry with its type: numbers, string lists, nested files', () => {
    const metadata = readBitwigMetadata(PROJECT);
    expect(metadata.get('revision_no')).toBe(1234);
    expect(metadata.get('referenced_packaged_file_ids')).toEqual(['a', 'b']);
    expect(metadata.get('structure')).toEqual(STRUCTURE);
    expect([...metadata.keys()]).toHaveLength(9);
  });

  it('stops at an entry of an unknown type and keeps what came before', () => {
    const file = bitwigFile([
      stringEntry('application_version_name', '4.0'),
      ['mystery', 0x7e, Buffer.from([1, 2, 3])],
      stringEntry('creator', 'never read'),
    ]);
    expect(readBitwigProject(source(file))).toMatchObject({ dawVersion: 'Bitwig Studio 4.0', creator: null });
  });

  it('reads no tracks from a damaged structure, and the rest of the metadata still', () => {
    const damaged = structure(
      object(0x285, objectField(0xad2, Buffer.concat([uint32(0x283), uint32(0xace), Buffer.from([0x7e])]))),
    );
    const file = bitwigFile([
      stringEntry('application_version_name', '3.3'),
      ['structure', 0x0d, Buffer.concat([uint32(damaged.length), damaged])],
    ]);
    expect(readBitwigProject(source(file))).toMatchObject({
      dawVersion: 'Bitwig Studio 3.3',
      tracks: [],
      trackCount: 0,
    });
  });

  it('refuses what is not a Bitwig project, with the reason', () => {
    expect(() => readBitwigProject(source(Buffer.from('PK\x03\x04 a zip')))).toThrow(/no BtWg header/);
    const preset = bitwigFile([stringEntry('type', 'application/bitwig-preset')]);
    expect(() => readBitwigProject(source(preset))).toThrow(/type application\/bitwig-preset, not a project/);
    const noMeta = Buffer.concat([PROJECT.subarray(0, 40), uint32(4), lengthString('mask'), uint32(0)]);
    expect(() => readBitwigProject(source(noMeta))).toThrow(/no metadata section/);
  });

  it('survives a file cut short at any byte: what was read before the cut, or an error with a reason', () => {
    const versionEnd = PROJECT.indexOf('5.2.4') + 5;
    for (let length = 0; length < PROJECT.length; length++) {
      let project;
      try {
        project = readBitwigProject(source(PROJECT.subarray(0, length)));
      } catch (error) {
        expect((error as Error).message, `cut at ${length}`).toMatch(/^not a (readable )?Bitwig file/);
        expect(length, `cut at ${length} after the version was read`).toBeLessThan(versionEnd);
        continue;
      }
      expect(project.dawVersion, `cut at ${length}`).toBe('Bitwig Studio 5.2.4');
    }
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/bitwig');
const UNIT_TESTS_PROJECT = join(
  CORPUS,
  'git-moss__UnitTests4Bitwig/UnitTestsProject/UnitTestsProject.bwproject',
);

describe.skipIf(!existsSync(CORPUS))(
  'Bitwig project in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('UnitTestsProject.bwproject (Bitwig Studio 2.4 Beta 1): version, creator and its four tracks', () => {
      expect(readBitwigProject(fileSource(UNIT_TESTS_PROJECT))).toEqual({
        dawVersion: 'Bitwig Studio 2.4 Beta 1',
        tempo: null,
        timeSignature: null,
        key: null,
        sampleRate: null,
        trackCount: 4,
        tracks: [
          { name: 'Polysynth', type: 'instrument' },
          { name: 'Audio 2', type: 'audio' },
          { name: 'Delay-2', type: 'return' },
          { name: 'Master', type: 'master' },
        ],
        plugins: [],
        samplePaths: [],
        savedAt: null,
        creator: 'moss',
        title: null,
        comment: null,
        tags: [],
      });
    });

    it('its metadata: 20 entries, from album to year, the revision and the branch it was saved from', () => {
      const metadata = readBitwigMetadata(readFileSync(UNIT_TESTS_PROJECT));
      expect(metadata.size).toBe(20);
      expect([...metadata.keys()][0]).toBe('album');
      expect([...metadata.keys()].at(-1)).toBe('year');
      expect(metadata.get('revision_no')).toBe(69110);
      expect(metadata.get('branch')).toBe('test/2.4');
      expect(metadata.get('type')).toBe('application/bitwig-project');
    });
  },
);
