// FL Studio projects (.flp): synthetic event streams for every rule, then the real files in the shared corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlStudioProject, readFlStudioProject } from '../../src/main/core/projects/fl-studio-project';
import { memorySource } from '../../src/main/core/projects/project-source';

// ---- a tiny FLP writer, for synthetic projects -------------------------------------------------

type Value = number | string | Buffer;

/** One event: the value's size follows the id, as in FL Studio's stream. Text is UTF-16LE unless `ascii`. */
function ev(id: number, value: Value, ascii = false): Buffer {
  if (id < 64) return Buffer.from([id, value as number]);
  if (id < 128) {
    const b = Buffer.alloc(3);
    b[0] = id;
    b.writeUInt16LE(value as number, 1);
    return b;
  }
  if (id < 192) {
    const b = Buffer.alloc(5);
    b[0] = id;
    b.writeUInt32LE(value as number, 1);
    return b;
  }
  const data =
    typeof value === 'string' ? Buffer.from(value + '\0', ascii ? 'latin1' : 'utf16le') : (value as Buffer);
  return Buffer.concat([Buffer.from([id]), varint(data.length), data]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

function flp(
  events: Buffer[],
  header: { format?: number; ppq?: number; declaredLength?: number } = {},
): Buffer {
  const body = Buffer.concat(events);
  const head = Buffer.alloc(22);
  head.write('FLhd', 0, 'latin1');
  head.writeUInt32LE(6, 4);
  head.writeInt16LE(header.format ?? 0, 8);
  head.writeUInt16LE(0, 10);
  head.writeUInt16LE(header.ppq ?? 96, 12);
  head.write('FLdt', 14, 'latin1');
  head.writeUInt32LE(header.declaredLength ?? body.length, 18);
  return Buffer.concat([head, body]);
}

/** Fruity Wrapper plugin data: a u32 kind, then id/u64-length/value records. */
function wrapper(records: Array<[number, Buffer | string]>): Buffer {
  const parts: Buffer[] = [Buffer.from([10, 0, 0, 0])];
  for (const [id, value] of records) {
    const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const head = Buffer.alloc(12);
    head.writeUInt32LE(id, 0);
    head.writeUInt32LE(data.length, 4);
    parts.push(head, data);
  }
  return Buffer.concat(parts);
}

const kind = (k: number): Buffer => Buffer.from([k, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

function channel(n: number, type: number, internalName: string, name: string, ...rest: Buffer[]): Buffer[] {
  return [ev(64, n), ev(21, type), ev(201, internalName), ev(203, name), ...rest];
}

// A project saved by FL Studio 21: UTF-16 text, every kind of channel, VST/VST3/CLAP in the wrapper,
// and a mixer whose slots hold native and wrapped effects.
const MODERN = flp([
  ev(199, '21.2.3.4000', true),
  ev(159, 4000),
  ev(156, 128_500),
  ev(17, 7),
  ev(18, 8),
  ev(194, 'Café Ünïcode — 日本語'),
  ...channel(
    0,
    2,
    'Fruity Wrapper',
    'Lead',
    ev(
      213,
      wrapper([
        [50, kind(8)],
        [54, 'Serum'],
        [55, 'C:\\VST3\\Serum.vst3'],
        [56, 'Xfer Records'],
      ]),
    ),
  ),
  ...channel(1, 4, '', 'Vocal take', ev(196, 'C:\\Users\\Ana\\Música\\vocal ñ.wav')),
  ...channel(
    2,
    0,
    '',
    'Kick',
    ev(196, '%FLStudioFactoryData%\\Data\\Patches\\Packs\\Drums\\Kicks\\Kick.wav'),
  ),
  ...channel(
    3,
    2,
    'Fruity Wrapper',
    'Pads',
    ev(
      213,
      wrapper([
        [51, 'Omni'],
        [54, 'Omnisphere'],
        [55, 'C:\\VstPlugins\\Omnisphere.dll'],
        [56, 'Spectrasonics'],
      ]),
    ),
  ),
  ...channel(4, 5, '', 'Filter sweep'),
  ...channel(5, 3, '', 'Stack'),
  ...channel(6, 2, 'MIDI Out', 'Hardware synth'),
  ...channel(
    7,
    2,
    'Fruity Wrapper',
    'Surge',
    ev(
      213,
      wrapper([
        [50, kind(12)],
        [54, 'Surge XT'],
        [56, 'Surge Synth Team'],
        [58, 'org.surge-synth-team.surge-xt'],
      ]),
    ),
  ),
  ...channel(8, 4, '', 'Vocal double', ev(196, 'C:\\Users\\Ana\\Música\\vocal ñ.wav')),
  ev(236, Buffer.alloc(12)),
  ev(204, 'Master'),
  ev(201, 'Fruity Limiter'),
  ev(213, Buffer.alloc(8)),
  ev(98, 0),
  ev(201, 'Fruity Wrapper'),
  ev(203, 'EQ on master'),
  ev(
    213,
    wrapper([
      [50, kind(7)],
      [54, 'FabFilter Pro-Q 3'],
      [56, 'FabFilter'],
    ]),
  ),
  ev(98, 1),
  ev(236, Buffer.alloc(12)),
  ev(204, 'Drums'),
  ev(201, 'Fruity Limiter'),
  ev(98, 0),
  ev(201, 'Fruity Wrapper'),
  ev(203, 'Missing thing (failed to load)'),
  ev(98, 1),
]);

describe('FL Studio project reader', () => {
  it('reads version, title (UTF-16), tempo and signature; records no key, sample rate or save time', () => {
    expect(parseFlStudioProject(MODERN)).toMatchObject({
      dawVersion: 'FL Studio 21.2.3.4000',
      title: 'Café Ünïcode — 日本語',
      tempo: 128.5,
      timeSignature: '7/8',
      key: null,
      sampleRate: null,
      savedAt: null,
    });
  });

  it('reads channels as tracks, typed by what they hold', () => {
    const project = parseFlStudioProject(MODERN);
    expect(project.tracks).toEqual([
      { name: 'Lead', type: 'instrument' },
      { name: 'Vocal take', type: 'audio' },
      { name: 'Kick', type: 'instrument' },
      { name: 'Pads', type: 'instrument' },
      { name: 'Filter sweep', type: 'other' },
      { name: 'Stack', type: 'group' },
      { name: 'Hardware synth', type: 'midi' },
      { name: 'Surge', type: 'instrument' },
      { name: 'Vocal double', type: 'audio' },
    ]);
    expect(project.trackCount).toBe(9);
  });

  it('names the plugin inside Fruity Wrapper with its vendor and format; native plugins are built-in', () => {
    expect(parseFlStudioProject(MODERN).plugins).toEqual([
      { name: 'Serum', vendor: 'Xfer Records', format: 'VST3', instances: 1 },
      { name: 'Omnisphere', vendor: 'Spectrasonics', format: 'VST', instances: 1 },
      { name: 'MIDI Out', vendor: 'Image-Line', format: 'built-in', instances: 1 },
      { name: 'Surge XT', vendor: 'Surge Synth Team', format: 'CLAP', instances: 1 },
      { name: 'Fruity Limiter', vendor: 'Image-Line', format: 'built-in', instances: 2 },
      { name: 'FabFilter Pro-Q 3', vendor: 'FabFilter', format: 'VST3', instances: 1 },
      // A wrapper slot without plugin data: only its display name is known, and its format is not.
      { name: 'Missing thing (failed to load)', vendor: null, format: 'VST', instances: 1 },
    ]);
  });

  it('lists each sample path once, as stored, placeholders and all', () => {
    expect(parseFlStudioProject(MODERN).samplePaths).toEqual([
      'C:\\Users\\Ana\\Música\\vocal ñ.wav',
      '%FLStudioFactoryData%\\Data\\Patches\\Packs\\Drums\\Kicks\\Kick.wav',
    ]);
  });

  it('reads a project saved before FL Studio 11.5: single-byte text, the old coarse + fine tempo', () => {
    const old = flp([
      ev(199, '9.1.0', true),
      ev(66, 140),
      ev(93, 500),
      ev(194, Buffer.from('Caf\xe9 d\x92amour\0', 'latin1')),
      ev(64, 0),
      ev(21, 2),
      ev(201, '3x Osc', true),
      ev(192, 'Old synth', true),
      ev(64, 1),
      ev(21, 0),
      ev(192, 'Loop', true),
      ev(196, 'C:\\Loops\\beat.wav', true),
    ]);
    expect(parseFlStudioProject(old)).toMatchObject({
      dawVersion: 'FL Studio 9.1.0',
      title: 'Café d’amour',
      tempo: 140.5,
      tracks: [
        { name: 'Old synth', type: 'instrument' },
        { name: 'Loop', type: 'instrument' },
      ],
      plugins: [{ name: '3x Osc', vendor: 'Image-Line', format: 'built-in', instances: 1 }],
      samplePaths: ['C:\\Loops\\beat.wav'],
    });
  });

  it('without a version event, tells UTF-16 text from single-byte text by its bytes', () => {
    const project = parseFlStudioProject(flp([ev(194, 'Wide title'), ev(64, 0), ev(203, 'Narrow', true)]));
    expect(project.title).toBe('Wide title');
    expect(project.tracks[0]!.name).toBe('Narrow');
    expect(project.dawVersion).toBe('FL Studio');
  });

  it('keeps what was read before a cut, in the stream or inside the wrapper data', () => {
    const cut = MODERN.subarray(0, MODERN.indexOf(Buffer.from('Surge', 'utf16le')));
    const project = parseFlStudioProject(cut);
    expect(project.tempo).toBe(128.5);
    expect(project.tracks.map((track) => track.name)).toContain('Hardware synth');
    expect(project.plugins.map((plugin) => plugin.name)).toContain('Omnisphere');

    const data = wrapper([
      [50, kind(8)],
      [54, 'Kontakt 7'],
      [56, 'Native Instruments'],
    ]);
    const cutWrapper = flp([
      ev(199, '21.0.0', true),
      ...channel(0, 2, 'Fruity Wrapper', 'K', ev(213, data.subarray(0, data.length - 5))),
    ]);
    expect(parseFlStudioProject(cutWrapper).plugins).toEqual([
      { name: 'Kontakt 7', vendor: null, format: 'VST3', instances: 1 },
    ]);
  });

  it('reads up to the declared data length, or the end of a file shorter than declared', () => {
    const events = [ev(199, '21.0.0', true), ev(156, 90_000)];
    const longer = flp(events, { declaredLength: 1_000_000 });
    expect(parseFlStudioProject(longer).tempo).toBe(90);
    const trailing = Buffer.concat([flp(events), Buffer.from([156, 1, 2, 3, 4])]);
    expect(parseFlStudioProject(trailing).tempo).toBe(90);
  });

  it('stops at an event length that cannot fit, keeping what came before', () => {
    const bogus = Buffer.concat([
      Buffer.from([194]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]),
      Buffer.from('x'),
    ]);
    const project = parseFlStudioProject(flp([ev(199, '21.0.0', true), ev(156, 100_000), bogus, ev(64, 0)]));
    expect(project).toMatchObject({ tempo: 100, trackCount: 0 });
    const endless = Buffer.from([194, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
    expect(parseFlStudioProject(flp([ev(156, 100_000), endless])).tempo).toBe(100);
  });

  it('ignores a tempo or signature no project can have', () => {
    expect(parseFlStudioProject(flp([ev(156, 5)])).tempo).toBeNull();
    expect(parseFlStudioProject(flp([ev(17, 4), ev(18, 3)])).timeSignature).toBeNull();
  });

  it('refuses what is not an FL Studio project, with the reason', () => {
    expect(() => parseFlStudioProject(Buffer.from('hello world, this is not a project'))).toThrow(
      /no FLhd header/,
    );
    expect(() => parseFlStudioProject(Buffer.alloc(0))).toThrow(/no FLhd header/);
    expect(() => parseFlStudioProject(Buffer.from('FLhd\x06\0\0\0', 'latin1'))).toThrow(
      /cut short inside its header/,
    );
    expect(() => parseFlStudioProject(flp([], { format: 0x10 }))).toThrow(/score/);
    expect(() => parseFlStudioProject(flp([], { format: 7 }))).toThrow(/unknown file format 7/);
    expect(() => parseFlStudioProject(flp([], { ppq: 0 }))).toThrow(/PPQ/);
    const noData = flp([]);
    noData.write('NoFL', 14, 'latin1');
    expect(() => parseFlStudioProject(noData)).toThrow(/no FLdt/);
    const badSize = flp([]);
    badSize.writeUInt32LE(8, 4);
    expect(() => parseFlStudioProject(badSize)).toThrow(/size is 8/);
  });

  it('reads through the reader contract, and every prefix of a project returns or throws an Error', () => {
    expect(readFlStudioProject(memorySource('/p/Song.flp', { '': MODERN })).tempo).toBe(128.5);
    for (let length = 0; length <= MODERN.length; length++) expectTotal(MODERN.subarray(0, length));
  });
});

/** The reader either returns a reading or throws an Error: nothing else, whatever the bytes. */
function expectTotal(bytes: Buffer): void {
  let result: unknown;
  try {
    result = parseFlStudioProject(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toBe('');
    return;
  }
  expect(result).toMatchObject({ tracks: expect.any(Array), plugins: expect.any(Array) });
}

/** A deterministic pseudo-random sequence (a 32-bit LCG), so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const CORPUS = join(__dirname, '../../../shared/corpus/projects/fl-studio/demberto__PyFLP/tests/assets');

describe.skipIf(!existsSync(CORPUS))(
  'FL Studio projects in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('FL 20.8.4.flp: version, title, tempo, signature, its 19 channels, plugins and factory sample', () => {
      const project = parseFlStudioProject(readFileSync(join(CORPUS, 'FL 20.8.4.flp')));
      expect(project).toMatchObject({
        dawVersion: 'FL Studio 20.8.4.2576',
        title: 'PyFLP Test FLP',
        tempo: 69.42,
        timeSignature: '4/4',
        trackCount: 19,
      });
      expect(project.tracks.slice(0, 12)).toEqual([
        { name: 'BooBass', type: 'instrument' },
        { name: 'Instrument track', type: 'instrument' },
        { name: 'Layer', type: 'group' },
        { name: 'Sampler', type: 'instrument' },
        { name: 'Colored', type: 'audio' },
        { name: 'Automation Clip', type: 'other' },
        { name: 'VST2', type: 'instrument' },
        { name: 'Audio Clip', type: 'audio' },
        { name: 'Iconified', type: 'midi' },
        { name: 'Fruit Kick', type: 'instrument' },
        { name: 'Plucked!', type: 'instrument' },
        { name: '22in Kick', type: 'audio' },
      ]);
      expect(project.plugins).toEqual(
        expect.arrayContaining([
          // The channel renamed "VST2" hosts Sylenth1; the mixer slot renamed "OTT (failed to load)" hosts OTT.
          { name: 'Sylenth1', vendor: 'LennarDigital', format: 'VST', instances: 1 },
          { name: 'OTT', vendor: 'Xfer Records', format: 'VST3', instances: 1 },
          { name: 'BooBass', vendor: 'Image-Line', format: 'built-in', instances: 1 },
          { name: 'Fruity NoteBook 2', vendor: 'Image-Line', format: 'built-in', instances: 3 },
          { name: 'Soundgoodizer', vendor: 'Image-Line', format: 'built-in', instances: 1 },
        ]),
      );
      expect(project.plugins).toHaveLength(13);
      expect(project.samplePaths).toEqual([
        '%FLStudioFactoryData%\\Data\\Patches\\Packs\\Drums\\Kicks\\22in Kick.wav',
      ]);
    });

    it('patterns/multi-channel.flp: tempo 140 and its two Sampler channels', () => {
      const project = parseFlStudioProject(readFileSync(join(CORPUS, 'patterns/multi-channel.flp')));
      expect(project).toMatchObject({
        dawVersion: 'FL Studio 20.8.4.2576',
        tempo: 140,
        trackCount: 2,
        plugins: [],
      });
    });

    it('each deliberately broken header throws its reason, or reads as an empty project', () => {
      const outcomes = Object.fromEntries(
        readdirSync(join(CORPUS, 'corrupted')).map((name) => {
          try {
            const project = parseFlStudioProject(readFileSync(join(CORPUS, 'corrupted', name)));
            return [name, `empty: ${project.trackCount} tracks`];
          } catch (error) {
            return [name, (error as Error).message];
          }
        }),
      );
      expect(outcomes).toEqual({
        'invalid-data-magic.flp': 'corrupt FL Studio file: no FLdt data chunk',
        // Its data chunk claims one byte the file does not hold: a stream cut short before its first event.
        'invalid-event-size.flp': 'empty: 0 tracks',
        'invalid-format.flp': 'corrupt FL Studio header: unknown file format 256',
        'invalid-header-magic.flp': 'not an FL Studio project (no FLhd header)',
        'invalid-header-size.flp': 'corrupt FL Studio header: its size is 8, not 6',
        'invalid-ppq.flp': 'corrupt FL Studio header: its PPQ (timebase) is 0',
      });
    });

    it('any cut or any flipped byte of a real project: the reader returns or throws an Error', () => {
      const bytes = readFileSync(join(CORPUS, 'FL 20.8.4.flp'));
      for (let length = 0; length <= 2048; length++) expectTotal(bytes.subarray(0, length));
      const random = seeded(12);
      for (let i = 0; i < 200; i++) expectTotal(bytes.subarray(0, Math.floor(random() * bytes.length)));
      for (let i = 0; i < 200; i++) {
        const damaged = Buffer.from(bytes);
        for (let j = 0; j < 4; j++)
          damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        expectTotal(damaged);
      }
    });
  },
);
