// Cubase (.cpr) and Nuendo (.npr) projects: synthetic containers for every rule, then the real files in the shared corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCubaseProject, readCubaseProject } from '../../src/main/core/projects/cubase-project';
import { memorySource } from '../../src/main/core/projects/project-source';

// ---- a tiny writer of Cubase's serialisation, for synthetic projects ---------------------------

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
function i64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}
function f64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
}
/** A string field: u32 length, UTF-8 text, NUL (and the byte-order mark Cubase 5+ appends to values). */
function str(text: string, bom = false): Buffer {
  const body = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0]), bom ? BOM : Buffer.alloc(0)]);
  return Buffer.concat([u32(body.length), body]);
}
const key = (name: string, type: number): Buffer => Buffer.concat([str(name), u16(type)]);
const object = (children: number): Buffer => Buffer.concat([u16(6), u32(children)]);

function plugin(guid: string, name: string, options: { original?: string; cls?: string } = {}): Buffer {
  return Buffer.concat([
    key('Plugin isA', 8),
    str(options.cls ?? 'VstCtrlInternalEffect'),
    key('Plugin', 2),
    object(16),
    key('Plugin UID', 2),
    object(1),
    key('GUID', 8),
    str(guid, true),
    key('Plugin Name', 8),
    str(name, true),
    ...(options.original ? [key('Original Plugin Name', 8), str(options.original, true)] : []),
    key('Audio Input Count', 1),
    i64(2),
  ]);
}

/** A panner as every mixer channel stores it: the plugin tokens without the inserted-plugin class. */
function panner(): Buffer {
  return Buffer.concat([
    key('Plugin UID', 2),
    object(1),
    key('GUID', 8),
    str('44E1149EDB3E4387BDD827FEA3A39EE7', true),
    key('Plugin Name', 8),
    str('Standard Panner', true),
    key('Audio Input Count', 1),
    i64(2),
  ]);
}

function chunk(id: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(id, 'latin1'), u32(payload.length), payload]);
}
const root = (name: string, className: string): Buffer =>
  chunk('ROOT', Buffer.concat([str(name), str(className)]));

function versionObject(app: string, version: string, date: string): Buffer {
  const strings = Buffer.concat([str(app), str(`Version ${version}`), str(date), u32(400), str('WIN64')]);
  const payload = Buffer.concat([
    Buffer.from([0xff, 0xff, 0xff, 0xfe]),
    str('CmObject'),
    Buffer.from([0xff, 0xff, 0xff, 0xff]),
    str('PAppVersion'),
    u16(2),
    u32(strings.length),
    strings,
  ]);
  return Buffer.concat([root('Version', 'PAppVersion'), chunk('ARCH', payload)]);
}

function attribute(id: string, ...value: Buffer[]): Buffer {
  return Buffer.concat([
    str('StMedia::PStringIDMediaAttribute'),
    key('ID', 8),
    str(id),
    key('Type', 1),
    i64(4),
    key('Flags', 1),
    i64(2),
    ...value,
  ]);
}

function metadataObject(tempo: number, sampleRate: number, numerator: number, denominator: number): Buffer {
  const payload = Buffer.concat([
    str('StMedia::PAttributes'),
    attribute('AudioSampleRate', key('Float', 4), f64(sampleRate)),
    attribute('AudioSampleSize', key('Long', 1), i64(24)),
    attribute(
      'MusicalSignature',
      key('Object', 2),
      str('CmRational'),
      key('Numerator', 1),
      i64(numerator),
      key('Denominator', 1),
      i64(denominator),
    ),
    attribute('MusicalTempo', key('Float', 4), f64(tempo)),
  ]);
  return Buffer.concat([root('Metadata', 'StMedia::PAttributes'), chunk('ARCH', payload)]);
}

function riff(...parts: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('NUND', 'latin1'), ...parts]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32(body.length), body]);
}

const SERUM = '56535458667358736572756D00000000'; // "VST" + four-character code + name: a VST 2 plugin's ID
const PRO_Q = '72C4DB717A4D459AB97E51EE2E2C5B64';
const OMNISPHERE = '565354416D62726F6D6E697370686572';

const ARRANGEMENT = Buffer.concat([
  panner(),
  plugin(PRO_Q, 'FabFilter Pro-Q 3'),
  panner(),
  plugin(PRO_Q, 'FabFilter Pro-Q 3'),
  plugin(OMNISPHERE, 'Choir pad', { original: 'Omnisphere' }),
  plugin('297BA567D83144E1AE921DEF07B41156', 'EQ', { cls: 'VstCtrlEQ' }),
  plugin(SERUM, 'Serum'),
]);

const NUENDO = riff(
  versionObject('Nuendo', '12.0.70', 'Jun  1 2023'),
  root('Arrangement1', 'PArrangement'),
  chunk('ARCH', ARRANGEMENT),
  metadataObject(97.5, 48_000, 6, 8),
);

describe('Cubase and Nuendo project reader', () => {
  it('reads a Nuendo project: application and version, tempo, signature and sample rate', () => {
    expect(parseCubaseProject(NUENDO)).toMatchObject({
      dawVersion: 'Nuendo 12.0.70',
      tempo: 97.5,
      timeSignature: '6/8',
      sampleRate: 48_000,
      key: null,
      savedAt: null,
    });
  });

  it('counts inserted plugins by ID, by their own name when renamed; mixer parts are not plugins', () => {
    expect(parseCubaseProject(NUENDO).plugins).toEqual([
      { name: 'FabFilter Pro-Q 3', vendor: null, format: 'VST3', instances: 2 },
      { name: 'Omnisphere', vendor: null, format: 'VST', instances: 1 },
      { name: 'Serum', vendor: null, format: 'VST', instances: 1 },
    ]);
  });

  it('does not read tracks or samples: empty lists, not guesses', () => {
    expect(parseCubaseProject(NUENDO)).toMatchObject({ trackCount: 0, tracks: [], samplePaths: [] });
  });

  it('reads Cubase SX: the version written last, the VST Instruments rack by slot, either path form', () => {
    const chain = Buffer.concat([
      str('Device Root'),
      Buffer.from('CONT'),
      str('VST Mixer'),
      Buffer.from('CONT'),
      str('VST Instruments'),
      Buffer.from('CONT'),
      str('Slot 3'),
      Buffer.from('CONT'),
      str('Kontakt 5'),
      Buffer.from('END '),
    ]);
    const sx = riff(
      root('Arrangement1', 'PArrangement'),
      chunk(
        'ARCH',
        Buffer.concat([
          str('VST Mixer\\VST Instruments\\Slot\\Sylenth1'),
          str('VST Mixer\\VST Instruments\\Slot\\Sylenth1'),
          str('VST Mixer\\VST Instruments\\Slot 2\\Sylenth1'),
          chain,
        ]),
      ),
      versionObject('Cubase SX', '3.1.1', 'Oct 13 2005'),
    );
    expect(parseCubaseProject(sx)).toMatchObject({
      dawVersion: 'Cubase SX 3.1.1',
      tempo: null,
      sampleRate: null,
      plugins: [
        { name: 'Sylenth1', vendor: null, format: 'VST', instances: 2 },
        { name: 'Kontakt 5', vendor: null, format: 'VST', instances: 1 },
      ],
    });
  });

  it('keeps what was read before a cut, and never takes a renamed instance title for a plugin', () => {
    const afterTitle = NUENDO.indexOf(str('Choir pad', true)) + str('Choir pad', true).length;
    const cut = parseCubaseProject(NUENDO.subarray(0, afterTitle));
    expect(cut.dawVersion).toBe('Nuendo 12.0.70');
    expect(cut.plugins).toEqual([{ name: 'FabFilter Pro-Q 3', vendor: null, format: 'VST3', instances: 2 }]);
    const versionOnly = NUENDO.subarray(0, NUENDO.indexOf(Buffer.from('Jun  1')) + 3);
    expect(parseCubaseProject(versionOnly)).toMatchObject({ dawVersion: 'Nuendo 12.0.70', plugins: [] });
  });

  it('ignores metadata no project can have', () => {
    const odd = riff(versionObject('Cubase', '13.0.10', 'Oct 10 2023'), metadataObject(0, 44_100.5, 4, 3));
    expect(parseCubaseProject(odd)).toMatchObject({ tempo: null, sampleRate: null, timeSignature: null });
  });

  it('refuses what is not a Cubase or Nuendo project, with the reason', () => {
    expect(() => parseCubaseProject(Buffer.from('hello, not a project at all'))).toThrow(/no RIFF header/);
    expect(() => parseCubaseProject(Buffer.alloc(0))).toThrow(/no RIFF header/);
    expect(() => parseCubaseProject(Buffer.from('RIFF\0\0'))).toThrow(/cut short inside its header/);
    const wave = Buffer.from('RIFF\0\0\0\x04WAVEfmt ', 'latin1');
    expect(() => parseCubaseProject(wave)).toThrow(/a RIFF "WAVE" file/);
  });

  it('reads through the reader contract, and every prefix of a project returns or throws an Error', () => {
    expect(readCubaseProject(memorySource('/p/Song.npr', { '': NUENDO })).dawVersion).toBe('Nuendo 12.0.70');
    for (let length = 0; length <= NUENDO.length; length++) expectTotal(NUENDO.subarray(0, length));
  });
});

/** The reader either returns a reading or throws an Error: nothing else, whatever the bytes. */
function expectTotal(bytes: Buffer): void {
  let result: unknown;
  try {
    result = parseCubaseProject(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toBe('');
    return;
  }
  expect(result).toMatchObject({ plugins: expect.any(Array) });
}

/** A deterministic pseudo-random sequence (a 32-bit LCG), so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const CORPUS = join(__dirname, '../../../shared/corpus/projects/cubase');
const FGIMIAN = join(CORPUS, 'fgimian__cubase-project-plugins/testdata');
const OMERIKO9 = join(
  CORPUS,
  'omeriko9__Cubase-Project-File-Reverse-Engineering/CPREditor/CPR Files for testing',
);

const read = (path: string) => parseCubaseProject(readFileSync(path));
const names = (path: string) =>
  read(path)
    .plugins.map((p) => p.name)
    .sort();

describe.skipIf(!existsSync(CORPUS))(
  'Cubase projects in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('one project saved by four Cubase versions: each version, and tempo 120 in 4/4 at 44.1 kHz from 5 on', () => {
      expect(read(join(FGIMIAN, 'Example Project (Cubase SX3).cpr'))).toMatchObject({
        dawVersion: 'Cubase SX 3.1.1',
        tempo: null,
      });
      for (const [file, version] of [
        ['Example Project (Cubase 5 64-bit).cpr', 'Cubase 5.5.3'],
        ['Example Project (Cubase 9.5).cpr', 'Cubase 9.5.50'],
        ['Example Project (Cubase 14).cpr', 'Cubase 14.0.30'],
      ]) {
        expect(read(join(FGIMIAN, file!)), file).toMatchObject({
          dawVersion: version,
          tempo: 120,
          timeSignature: '4/4',
          sampleRate: 44_100,
        });
      }
    });

    it('the plugin lists agree across Cubase 5, 9.5 and 14 (14 renamed UV22HR to Lin Dither, same ID)', () => {
      const cubase5 = names(join(FGIMIAN, 'Example Project (Cubase 5 64-bit).cpr'));
      expect(cubase5).toEqual([
        'ArtsAcousticReverb',
        'Elephant',
        'Hive',
        'Omnisphere',
        'StereoEnhancer',
        'StudioEQ',
        'Sylenth1',
        'TrackComp',
        'UV22HR',
      ]);
      expect(names(join(FGIMIAN, 'Example Project (Cubase 9.5).cpr'))).toEqual(cubase5);
      expect(names(join(FGIMIAN, 'Example Project (Cubase 14).cpr'))).toEqual(
        cubase5.map((name) => (name === 'UV22HR' ? 'Lin Dither' : name)).sort(),
      );
    });

    it('Cubase 9.5: formats from the plugin IDs, instance counts, no mixer panners or channel EQs', () => {
      const plugins = read(join(FGIMIAN, 'Example Project (Cubase 9.5).cpr')).plugins;
      expect(plugins).toEqual(
        expect.arrayContaining([
          { name: 'Sylenth1', vendor: null, format: 'VST', instances: 1 },
          { name: 'Elephant', vendor: null, format: 'VST3', instances: 1 },
          { name: 'StudioEQ', vendor: null, format: 'VST3', instances: 2 },
          // The instrument track was renamed "Solo Vocalist": its plugin is still Omnisphere.
          { name: 'Omnisphere', vendor: null, format: 'VST', instances: 1 },
        ]),
      );
      expect(plugins.map((p) => p.name)).not.toContain('Standard Panner');
      expect(plugins.map((p) => p.name)).not.toContain('EQ');
    });

    it('Cubase SX 3 and SX 2: the instruments of the VST Instruments rack', () => {
      expect(names(join(FGIMIAN, 'Example Project (Cubase SX3).cpr'))).toEqual([
        'Embracer',
        'Hive',
        'Sylenth1',
      ]);
      const many = read(join(OMERIKO9, 'many.cpr'));
      expect(many.dawVersion).toBe('Cubase SX 2.0.2');
      expect(many.plugins.map((p) => p.name)).toEqual(
        expect.arrayContaining(['FM8', 'Kontakt 5', 'Reaktor5', 'Polysix']),
      );
      expect(many.plugins).toHaveLength(8);
      expect(read(join(OMERIKO9, '2audiotracksw2audioparts.cpr'))).toMatchObject({
        dawVersion: 'Cubase SX 2.0.2',
        plugins: [],
      });
    });

    it('cut-short projects: the version and the whole plugin objects before the cut', () => {
      expect(read(join(FGIMIAN, 'Truncated Project (Release Date).cpr'))).toMatchObject({
        dawVersion: 'Cubase 13.0.10',
        plugins: [],
      });
      expect(read(join(FGIMIAN, 'Truncated Project (Plugin Name Tag).cpr')).plugins).toEqual([]);
      // Cut inside the renamed Omnisphere's "Original Plugin Name": its title is not taken for a plugin.
      expect(names(join(FGIMIAN, 'Truncated Project (Original Plugin Name).cpr'))).toEqual([
        'StereoEnhancer',
        'StudioEQ',
        'Sylenth1',
        'TrackComp',
      ]);
    });

    it('any cut or any flipped byte of a real project: the reader returns or throws an Error', () => {
      const small = readFileSync(join(FGIMIAN, 'Truncated Project (Plugin Name Tag).cpr'));
      for (let length = 0; length <= small.length; length++) expectTotal(small.subarray(0, length));
      const bytes = readFileSync(join(FGIMIAN, 'Example Project (Cubase 9.5).cpr'));
      const random = seeded(95);
      for (let i = 0; i < 60; i++) expectTotal(bytes.subarray(0, Math.floor(random() * bytes.length)));
      for (let i = 0; i < 60; i++) {
        const damaged = Buffer.from(bytes);
        for (let j = 0; j < 8; j++)
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        expectTotal(damaged);
      }
    });
  },
);
