// The Ableton reader drops what it never reads before parsing (UnreadSubtreeFilter): what goes,
// what stays whatever its name, any split of the bytes, and the reader's output with and without
// the filter on every synthetic set, cut-short set and corpus set.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { parseAbletonSet } from '../../src/main/core/projects/ableton-project';
import { UNREAD_ELEMENTS, UnreadSubtreeFilter } from '../../src/main/core/projects/ableton-unread-filter';
import type { ProjectReading } from '../../src/main/core/projects/project-source';
import { BIG_SET, gz, HEAVY_SET, LIVE_11, LIVE_8, live11Set, live12Set } from './ableton-example-sets';

/** What the filter passes on when given `xml` in pieces of these sizes (the rest in one). */
function filtered(xml: string | Buffer, pieceSizes: number[] = []): string {
  const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
  const out: Buffer[] = [];
  const filter = new UnreadSubtreeFilter((piece) => {
    out.push(Buffer.from(piece));
    return true;
  });
  let offset = 0;
  for (const size of pieceSizes) {
    filter.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  filter.push(bytes.subarray(offset));
  filter.end();
  return Buffer.concat(out).toString();
}

/** A Live set's first four levels around `inner` (at depth 4, where dropping may start). */
function inTrack(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Ableton Creator="Ableton Live 11.0">
\t<LiveSet>
\t\t<Tracks>
\t\t\t<AudioTrack Id="1">
${inner}
\t\t\t</AudioTrack>
\t\t</Tracks>
\t</LiveSet>
</Ableton>
`;
}

/** What the filter makes of `inTrack(…)` around what it keeps of `inner`. */
const compact = (inner: string): string => `${OPENING}${inner}</AudioTrack></Tracks></LiveSet></Ableton>`;
const OPENING =
  '<?xml version="1.0" encoding="UTF-8"?><Ableton Creator="Ableton Live 11.0"><LiveSet><Tracks><AudioTrack Id="1">';

const DEVICE = `\t\t\t\t<DeviceChain>
\t\t\t\t\t<Devices>
\t\t\t\t\t\t<PluginDevice Id="0">
\t\t\t\t\t\t\t<LomId Value="0" />
\t\t\t\t\t\t\t<ParameterList>
\t\t\t\t\t\t\t\t<PluginFloatParameter Id="0"><ParameterName Value="a > b" /><ParameterList /></PluginFloatParameter>
\t\t\t\t\t\t\t\t<ParameterList><PluginEnumParameter Id="1" /></ParameterList>
\t\t\t\t\t\t\t</ParameterList>
\t\t\t\t\t\t\t<PluginDesc><Preset><Name Value="read: in a PluginDesc" /></Preset>
\t\t\t\t\t\t\t\t<VstPluginInfo Id="0"><PlugName Value="Plug" /><Preset><VstPreset Id="1"><Buffer>0A0B</Buffer></VstPreset></Preset></VstPluginInfo>
\t\t\t\t\t\t\t</PluginDesc>
\t\t\t\t\t\t</PluginDevice>
\t\t\t\t\t\t<Manual Id="0" />
\t\t\t\t\t</Devices>
\t\t\t\t</DeviceChain>`;

const DEVICE_KEPT =
  '<DeviceChain><Devices><PluginDevice Id="0"><PluginDesc><Preset><Name Value="read: in a PluginDesc" /></Preset>' +
  '<VstPluginInfo Id="0"><PlugName Value="Plug" /></VstPluginInfo></PluginDesc></PluginDevice><Manual Id="0" /></Devices></DeviceChain>';

/** Every element name LiveSetWalker looks at (ableton-set-walker.ts). */
const WALKER_NAMES = [
  ...['Ableton', 'LiveSet', 'MasterTrack', 'MainTrack', 'PreHearTrack', 'InKey', 'Tracks'],
  ...['AudioTrack', 'MidiTrack', 'GroupTrack', 'ReturnTrack', 'ScaleInformation', 'RootNote', 'Root'],
  ...['Name', 'UserName', 'EffectiveName', 'Mixer', 'Tempo', 'TimeSignature', 'Manual'],
  ...['ArrangerAutomation', 'Events', 'FloatEvent', 'EnumEvent', 'Devices', 'PluginDesc'],
  ...['VstPluginInfo', 'Vst3PluginInfo', 'AuPluginInfo', 'PlugName', 'Manufacturer', 'Path'],
  ...['DeviceType', 'ComponentType', 'SourceContext', 'BranchSourceContext', 'BranchDeviceId'],
  ...['BrowserContentPath', 'SampleRef', 'FileRef', 'RelativePathType', 'HasRelativePath'],
  ...['RelativePath', 'RelativePathElement', 'Data', 'SearchHint', 'PathHint'],
];

describe('UnreadSubtreeFilter', () => {
  it('drops no element the walker looks at, but Manual (read only inside Tempo and TimeSignature)', () => {
    expect(UNREAD_ELEMENTS.filter((name) => WALKER_NAMES.includes(name))).toEqual(['Manual']);
  });

  it('drops parameter lists, plugin state, unread parameter parts and whitespace; keeps devices whatever their name', () => {
    // `<Manual>` directly in `<Devices>` is a device, a `<Preset>` directly in a `<PluginDesc>` is read.
    expect(filtered(inTrack(DEVICE))).toBe(compact(DEVICE_KEPT));
  });

  it('gives the same bytes whatever the split of its input', () => {
    const xml = inTrack(DEVICE);
    for (let split = 0; split <= xml.length; split++) {
      expect(filtered(xml, [split]), `split at ${split}`).toBe(compact(DEVICE_KEPT));
    }
    const heavy = Buffer.from(HEAVY_SET);
    const whole = filtered(heavy);
    let seed = 7;
    const sizes = Array.from({ length: 400 }, () => (seed = (seed * 48271) % 2147483647) % 300);
    expect(filtered(heavy, sizes)).toBe(whole);
    expect(
      filtered(
        heavy,
        Array.from({ length: 200 }, () => 3),
      ),
    ).toBe(whole);
  });

  it('keeps a subtree that holds what the reader reads: devices, a sample; its unread parts still go', () => {
    const inner = `<DeviceChain><Envelopes><LomId Value="0" /><Devices><Reverb Id="0" /></Devices></Envelopes>
<Loop><LoopStart Value="0" /><Grid /><SampleRef><FileRef><Path Value="/a.wav" /></FileRef></SampleRef></Loop>
<Fades><FileRef><Path Value="/b.wav" /></FileRef></Fades></DeviceChain>`;
    expect(filtered(inTrack(inner))).toBe(
      compact(
        '<DeviceChain><Envelopes><Devices><Reverb Id="0" /></Devices></Envelopes>' +
          '<Loop><LoopStart Value="0" /><SampleRef><FileRef><Path Value="/a.wav" /></FileRef></SampleRef></Loop></DeviceChain>',
      ),
    );
    // In a Max for Live device a FileRef names the patch: kept.
    const max =
      '<DeviceChain><MxDeviceAudioEffect Id="0"><Preset><FileRef><Name Value="LFO.amxd" /></FileRef></Preset></MxDeviceAudioEffect></DeviceChain>';
    expect(filtered(inTrack(max))).toBe(compact(max));
  });

  it('keeps everything in file references, device sources, tempo and signature, and the main mixer', () => {
    const fileRef = `<SampleRef><FileRef>\n\t<LomId Value="0" />\n\t<Data>\n\t\t0A0B\n\t</Data>\n</FileRef></SampleRef>`;
    const source =
      '<SourceContext><Value><BranchSourceContext Id="0"><Loop /></BranchSourceContext></Value></SourceContext>';
    const tempo =
      '<Tempo><Manual Value="120" /><ArrangerAutomation><Events><FloatEvent Value="98" /></Events></ArrangerAutomation></Tempo>';
    const xml = `<Ableton><LiveSet><MasterTrack><DeviceChain><Mixer>${tempo}<Manual Value="1" /></Mixer><Preset>${fileRef}</Preset><Loop><Mixer>${tempo}</Mixer></Loop></DeviceChain>
<DeviceChain><Mixer>${tempo}</Mixer><Loop>${fileRef}</Loop>${source}</DeviceChain></MasterTrack>
<Tracks><AudioTrack><DeviceChain><Mixer>${tempo}</Mixer></DeviceChain></AudioTrack></Tracks></LiveSet></Ableton>`;
    expect(filtered(xml)).toBe(
      `<Ableton><LiveSet><MasterTrack><DeviceChain><Mixer>${tempo}</Mixer><Preset>${fileRef}</Preset><Loop><Mixer>${tempo}</Mixer></Loop></DeviceChain>` +
        `<DeviceChain><Mixer>${tempo}</Mixer><Loop>${fileRef}</Loop>${source}</DeviceChain></MasterTrack>` +
        '<Tracks><AudioTrack><DeviceChain></DeviceChain></AudioTrack></Tracks></LiveSet></Ableton>',
    );
  });

  it('drops the preview track, and nothing above depth 4', () => {
    const xml = `<Ableton><LiveSet><LomId Value="0" /><PreHearTrack><DeviceChain><Devices><Eq8 /></Devices></DeviceChain></PreHearTrack>
<Tracks><Preset /><AudioTrack><Loop /></AudioTrack></Tracks></LiveSet></Ableton>`;
    expect(filtered(xml)).toBe(
      '<Ableton><LiveSet><LomId Value="0" /><Tracks><Preset /><AudioTrack></AudioTrack></Tracks></LiveSet></Ableton>',
    );
  });

  it('reads past markup in comments, CDATA, quoted values and processing instructions', () => {
    const inner = `<Loop><!-- </Loop> <Devices> --><?pi </Loop> ?><Name Value="/Loop>" /><![CDATA[ </Loop><SampleRef> ]]></Loop>
<Name Value='a "/>" b'><![CDATA[ <Devices> ]]><!-- <Loop> --></Name>`;
    expect(filtered(inTrack(inner))).toBe(
      compact(`<Name Value='a "/>" b'><![CDATA[ <Devices> ]]><!-- <Loop> --></Name>`),
    );
  });

  it('passes on the bytes as they are from anything it does not expect', () => {
    const doctype = '<!DOCTYPE Ableton [ <!ENTITY x "<Loop>"> ]>\n<Ableton>\n<Loop />\n</Ableton>';
    expect(filtered(doctype)).toBe(doctype);
    const stray = '<Loop><Loop /></Loop>\n< Loop>\n\t<Loop />';
    expect(filtered(inTrack(stray))).toBe(OPENING + inTrack(stray).slice(inTrack(stray).indexOf('< Loop>')));
  });

  it('passes on what was pending when the input ends inside an element', () => {
    const cut = inTrack('<Loop><LoopStart Value="0" /></Loop><Loop><LoopStart Value="0" />');
    const end = cut.indexOf('</AudioTrack>');
    expect(filtered(cut.slice(0, end))).toBe(`${OPENING}<Loop><LoopStart Value="0" />\n\t\t\t`);
    expect(filtered(cut.slice(0, cut.indexOf('Value="0" />') + 3))).toBe(`${OPENING}<Loop><LoopStart Val`);
  });

  it('stops when told to', () => {
    const xml = inTrack(Array.from({ length: 40_000 }, () => '<Name Value="kept" />').join(''));
    let pieces = 0;
    const filter = new UnreadSubtreeFilter(() => {
      pieces++;
      return false;
    });
    filter.push(Buffer.from(xml));
    filter.push(Buffer.from(xml));
    filter.end();
    expect(pieces).toBe(1);
    // It would have passed on many pieces.
    expect(filtered(xml).length).toBeGreaterThan(512 * 1024);
  });
});

/** The reading, or the error's message. */
function outcome(bytes: Uint8Array, dropUnread: boolean): ProjectReading | string {
  try {
    return parseAbletonSet(bytes, { dropUnread });
  } catch (error) {
    return String(error);
  }
}

function isWellFormed(xml: string): boolean {
  try {
    new SaxesParser().write(xml).close();
    return true;
  } catch {
    return false;
  }
}

function expectSameReading(bytes: Uint8Array, label: string): void {
  expect(outcome(bytes, true), label).toEqual(outcome(bytes, false));
}

const EXAMPLE_SETS: Record<string, string> = {
  'Live 11': LIVE_11,
  'Live 11 in key': live11Set(true),
  'Live 12': live12Set('13', true),
  'Live 12 not in key': live12Set('2', false),
  'Live 8': LIVE_8,
  big: BIG_SET,
  heavy: HEAVY_SET,
};

describe('Ableton reader with and without dropping what it never reads', () => {
  it('reads what the heavy set hides among unread parts', () => {
    const set = parseAbletonSet(gz(HEAVY_SET));
    expect(set).toMatchObject({ tempo: 133, timeSignature: '6/8', trackCount: 3 });
    expect(set.tracks).toEqual([
      { name: 'Master', type: 'master' },
      { name: 'Drums', type: 'audio' },
      { name: 'Keys', type: 'instrument' },
    ]);
    expect(set.plugins.map((plugin) => `${plugin.format} ${plugin.name}`)).toEqual([
      'built-in Reverb',
      'VST Ohmicide',
      'built-in EQ Eight',
      'built-in Manual',
      'VST Odd Plugin',
      'AU Diva',
      'built-in Instrument Rack',
      'built-in Trap',
      'VST Master Bus',
    ]);
    expect(set.samplePaths).toEqual(['Samples/Imported/kick 01.wav', 'Samples/Imported/in a loop.wav']);
    // Most of its bytes are what the reader never reads.
    expect(filtered(HEAVY_SET).length).toBeLessThan(HEAVY_SET.length / 4);
  });

  it('reads every synthetic set alike, gzipped and plain', () => {
    for (const [name, xml] of Object.entries(EXAMPLE_SETS)) {
      expectSameReading(gz(xml), `${name}, gzipped`);
      expectSameReading(Buffer.from(xml), `${name}, plain`);
    }
  });

  it('reads alike the heavy set with read or unread elements put anywhere between its tags', () => {
    let seed = 12345;
    const random = (below: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below;
    const snippets = [
      `<Loop><SampleRef><FileRef><Path Value="/Samples/loop.wav" /></FileRef></SampleRef></Loop>`,
      '<Envelopes><Devices><Reverb Id="0" /></Devices></Envelopes>',
      '<ParameterList><LomId Value="0" /><Devices><Eq8 Id="0" /></Devices></ParameterList>',
      '<Preset><PlugName Value="In a preset" /><Name Value="Named" /></Preset>',
      '<Mixer><Tempo><Manual Value="90" /></Tempo><TimeSignature><Manual Value="200" /></TimeSignature></Mixer>',
      '<Manual Value="1" />',
      '<MxDeviceAudioEffect Id="0"><Grid><FileRef><Name Value="Hidden.amxd" /></FileRef></Grid></MxDeviceAudioEffect>',
      '<Grid><!-- </Grid> --><![CDATA[ </Grid> ]]><Grid /></Grid>',
      '\n\t\t',
    ];
    const gaps = [...HEAVY_SET.matchAll(/>/g)].map((match) => match.index + 1);
    for (let round = 0; round < 150; round++) {
      const at = [0, 1, 2].map(() => gaps[random(gaps.length)]!).sort((a, b) => b - a);
      const xml = at.reduce(
        (text, gap) => text.slice(0, gap) + snippets[random(snippets.length)]! + text.slice(gap),
        HEAVY_SET,
      );
      if (!isWellFormed(xml)) continue; // inside the XML declaration or a comment
      expectSameReading(gz(xml), `round ${round}`);
    }
  });

  it('never throws otherwise than with a reason on random edits; reads well-formed ones alike', () => {
    let seed = 54321;
    const random = (below: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % below;
    const pieces = ['<', '>', '/', '"', "'", '=', '!', '?', '-', ' ', '<Loop>', '</Loop>', '<Devices>', 'x'];
    for (let round = 0; round < 100; round++) {
      const at = random(HEAVY_SET.length);
      const xml =
        random(2) === 0
          ? HEAVY_SET.slice(0, at) + HEAVY_SET.slice(at + 1 + random(30))
          : HEAVY_SET.slice(0, at) + pieces[random(pieces.length)]! + HEAVY_SET.slice(at);
      const filteredOutcome = outcome(Buffer.from(xml), true);
      if (typeof filteredOutcome === 'string')
        expect(filteredOutcome).toMatch(/^Error: not an Ableton Live set: .+/);
      // Malformed XML stops the parser: where, depends on what it was given.
      if (isWellFormed(xml))
        expect(filteredOutcome, `round ${round}`).toEqual(outcome(Buffer.from(xml), false));
    }
  });

  it('reads sets cut short alike, wherever the cut', () => {
    const zipped = gz(BIG_SET);
    for (let cut = 0; cut <= zipped.length; cut += Math.ceil(zipped.length / 40)) {
      expectSameReading(zipped.subarray(0, cut), `big, gzip cut at ${cut}`);
    }
    for (const [name, xml] of Object.entries({ heavy: HEAVY_SET, 'Live 8': LIVE_8 })) {
      const zipped = gz(xml);
      for (let cut = 0; cut <= zipped.length; cut += Math.ceil(zipped.length / 40)) {
        expectSameReading(zipped.subarray(0, cut), `${name}, gzip cut at ${cut}`);
      }
      const plain = Buffer.from(xml);
      for (let cut = 0; cut <= plain.length; cut += Math.ceil(plain.length / 40)) {
        expectSameReading(plain.subarray(0, cut), `${name}, XML cut at ${cut}`);
      }
    }
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/ableton');
const TEST_PROJECT = join(CORPUS, 'polisen__ableton-project-analyzer/test_project/test_project.als');

function alsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return alsFiles(path);
    return /\.als$/i.test(name) ? [path] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))(
  'Ableton corpus sets with and without dropping what is never read (../shared/corpus absent: skipped)',
  () => {
    it('reads every corpus set alike', () => {
      const files = alsFiles(CORPUS);
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const file of files) expectSameReading(readFileSync(file), file);
    });

    it('test_project.als with a wrong gzip check, so streamed in pieces by fflate: read alike', () => {
      const damaged = Buffer.from(readFileSync(TEST_PROJECT));
      const crc = damaged.length - 8; // the CRC-32 in the gzip trailer
      damaged.writeUInt8(damaged.readUInt8(crc) ^ 0xff, crc);
      expectSameReading(damaged, 'test_project.als, CRC changed');
      expect(parseAbletonSet(damaged).trackCount).toBe(19);
    });

    it('test_project.als: less than a tenth of its 7 MB of XML is parsed', () => {
      const xml = gunzipSync(readFileSync(TEST_PROJECT));
      expect(xml.length).toBeGreaterThan(7_000_000);
      expect(filtered(xml).length).toBeLessThan(xml.length / 10);
    });
  },
);
