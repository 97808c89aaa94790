// Ableton Live sets (.als): synthetic sets in the shapes of Live 8, 11 and 12, then the real ones in
// the shared corpus.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAbletonSet, readAbletonProject } from '../../src/main/core/projects/ableton-project';
import { liveKey, liveTimeSignature } from '../../src/main/core/projects/ableton-music';
import { fileSource, memorySource } from '../../src/main/core/projects/project-source';
import { resolveSample } from '../../src/main/core/projects/resolve-sample';
import { BIG_SET, gz, LIVE_11, LIVE_8, live11Set, live12Set } from './ableton-example-sets';
import { audioClip, fileRef, liveSet, track, trackName } from './ableton-sets';

describe('Ableton Live set reader: Live 11', () => {
  const set = parseAbletonSet(gz(LIVE_11));

  it('reads the creator, tempo and signature; Live stores no sample rate or save time', () => {
    expect(set).toMatchObject({
      dawVersion: 'Ableton Live 11.3.4',
      tempo: 126.5,
      timeSignature: '6/8',
      sampleRate: null,
      savedAt: null,
    });
  });

  it('reads tracks with their types, the main track first; a MIDI track with an instrument is instrument', () => {
    expect(set.tracks).toEqual([
      { name: 'Master', type: 'master' },
      { name: 'Drums', type: 'group' },
      { name: 'Kick', type: 'audio' },
      { name: '3-Audio', type: 'audio' },
      { name: 'Keys', type: 'instrument' },
      { name: 'Arp', type: 'midi' },
      { name: 'Lead', type: 'instrument' },
      { name: 'Bass', type: 'instrument' },
      { name: 'A-Reverb', type: 'return' },
    ]);
    expect(set.trackCount).toBe(9);
  });

  it('counts plugin and Live device instances across the set, racks included, the preview track not', () => {
    expect(set.plugins).toEqual([
      { name: 'Glue Compressor', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'Compressor', vendor: 'Ableton', format: 'built-in', instances: 1 },
      // Max for Live devices: named after their patch, by whoever made it.
      { name: 'LFO', vendor: null, format: 'built-in', instances: 1 },
      { name: 'EQ Eight', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'Doubler2', vendor: 'Waves', format: 'AU', instances: 2 },
      // VST3 infos hold no vendor: the master's instance, dragged from the browser's vendor folder, says it.
      { name: 'Pro-Q 3', vendor: 'FabFilter', format: 'VST3', instances: 2 },
      { name: 'Simpler', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'Diva', vendor: 'u-he', format: 'AU', instances: 1 },
      { name: 'Instrument Rack', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'Arpeggiator', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'Max MIDI Effect', vendor: null, format: 'built-in', instances: 1 },
      { name: 'TAL-Dub', vendor: null, format: 'VST', instances: 1 },
      { name: 'Massive', vendor: null, format: 'VST', instances: 1 },
      { name: 'Serum 2', vendor: 'Xfer Records', format: 'VST3', instances: 1 },
      { name: 'Reverb', vendor: 'Ableton', format: 'built-in', instances: 1 },
      { name: 'ValhallaRoom', vendor: null, format: 'VST3', instances: 1 },
      { name: 'Limiter', vendor: 'Ableton', format: 'built-in', instances: 1 },
    ]);
  });

  it('lists audio behind SampleRefs once each: project paths relative, files elsewhere absolute', () => {
    expect(set.samplePaths).toEqual([
      'Samples/Imported/kick 01.wav',
      '/Users/me/Splice/sounds/loop 120.aif',
      'Samples/Recorded/take 1.wav',
      '/Users/me/Music/Ableton/User Library/Samples/Rhodes C3.aif',
    ]);
  });

  it('reports a key only when the set is in key', () => {
    expect(set.key).toBeNull();
    expect(parseAbletonSet(gz(live11Set(true))).key).toBe('A Minor');
  });

  it('reads a plain-XML set like a gzipped one', () => {
    expect(parseAbletonSet(Buffer.from(LIVE_11))).toEqual(set);
    expect(parseAbletonSet(Buffer.from(`\uFEFF${LIVE_11}`))).toEqual(set);
  });

  it('is a ProjectReader over a source', () => {
    expect(readAbletonProject(memorySource('/Music/Song Project/Song.als', { '': gz(LIVE_11) }))).toEqual(
      set,
    );
  });
});

describe('Ableton Live set reader: Live 12 and Live 8', () => {
  it('Live 12: MainTrack, the scale by index, a key only with InKey true', () => {
    const set = parseAbletonSet(gz(live12Set('13', true)));
    expect(set).toMatchObject({
      dawVersion: 'Ableton Live 12.1.5',
      tempo: 90,
      timeSignature: '3/4',
      key: 'F# Harmonic Minor',
      trackCount: 3,
      tracks: [
        { name: 'Main', type: 'master' },
        { name: '1-MIDI', type: 'instrument' },
        { name: 'Vox', type: 'audio' },
      ],
      plugins: [{ name: 'Drift', vendor: 'Ableton', format: 'built-in', instances: 1 }],
      samplePaths: [],
    });
    expect(parseAbletonSet(gz(live12Set('13', false))).key).toBeNull();
    expect(parseAbletonSet(gz(live12Set('0', true))).key).toBe('F# Major');
    // An index past Live's scale list: the root alone, not a guessed scale.
    expect(parseAbletonSet(gz(live12Set('99', true))).key).toBe('F#');
  });

  it('Live 8: tempo and signature from the first automation event, old-style file references', () => {
    const set = parseAbletonSet(gz(LIVE_8));
    expect(set).toMatchObject({
      dawVersion: 'Ableton Live 8.2.2',
      tempo: 98,
      timeSignature: '3/4',
      key: null,
      tracks: [
        { name: 'Master', type: 'master' },
        { name: '1 Audio', type: 'audio' },
      ],
      plugins: [{ name: 'Ohmicide', vendor: null, format: 'VST', instances: 1 }],
    });
    expect(set.samplePaths).toEqual([
      'Samples/Recorded/0001 1 Audio.wav',
      '/Users/me/Sample Library/Drums/snare.aif',
      'C:\\Samples\\hat.wav',
      'D:\\Loops\\ride.wav',
    ]);
  });

  it('takes the version from MinorVersion when the Creator is missing', () => {
    const set = parseAbletonSet(gz(liveSet('MajorVersion="5" MinorVersion="10.1_377"', '<Tracks />')));
    expect(set.dawVersion).toBe('Ableton Live 10.1');
    expect(set.tracks).toEqual([]);
    expect(set.tempo).toBeNull();
  });
});

describe('Ableton Live set reader: decoding', () => {
  it('decodes Live time signatures: (numerator - 1) + 99 × log2(denominator)', () => {
    expect(liveTimeSignature(201)).toBe('4/4');
    expect(liveTimeSignature(0)).toBe('1/1');
    expect(liveTimeSignature(302)).toBe('6/8');
    expect(liveTimeSignature(402)).toBe('7/16');
    expect(liveTimeSignature(98)).toBe('99/1');
    expect(liveTimeSignature(495)).toBeNull();
    expect(liveTimeSignature(-1)).toBeNull();
    expect(liveTimeSignature(2.5)).toBeNull();
  });

  it('writes keys as root (sharps) and Live scale name', () => {
    expect(liveKey('0', 'Major')).toBe('C Major');
    expect(liveKey('1', '1')).toBe('C# Minor');
    expect(liveKey('11', '34')).toBe('B Messiaen 7');
    expect(liveKey('12', 'Major')).toBeNull();
    expect(liveKey('x', 'Major')).toBeNull();
  });
});

describe('Ableton Live set reader: damaged and foreign files', () => {
  it('yields what was read before a cut in the gzip data', () => {
    const whole = gz(BIG_SET);
    const set = parseAbletonSet(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(set.dawVersion).toBe('Ableton Live 11.3.4');
    expect(set.tracks.length).toBeGreaterThan(10);
    expect(set.tracks.length).toBeLessThan(309);
    expect(set.tracks[0]).toEqual({ name: 'Drums', type: 'group' });
    expect(set.tempo).toBeNull(); // the main track comes after the tracks
    expect(set.samplePaths.length).toBeGreaterThan(5);
  });

  it('yields what was read before a cut in plain XML', () => {
    const cut = LIVE_11.slice(0, LIVE_11.indexOf('<MasterTrack>') + 5);
    const set = parseAbletonSet(Buffer.from(cut));
    expect(set.tracks.map((one) => one.name)).toEqual([
      'Drums',
      'Kick',
      '3-Audio',
      'Keys',
      'Arp',
      'Lead',
      'Bass',
      'A-Reverb',
    ]);
    expect(set.tempo).toBeNull();
  });

  it('never fails otherwise than with a reason, wherever the file is cut', () => {
    const whole = gz(BIG_SET);
    for (let cut = 0; cut <= whole.length; cut += Math.ceil(whole.length / 40)) {
      try {
        expect(parseAbletonSet(whole.subarray(0, cut)).dawVersion).toBe('Ableton Live 11.3.4');
      } catch (error) {
        expect(String(error), `cut at ${cut}`).toMatch(/^Error: not an Ableton Live set: .+/);
      }
    }
  });

  it('refuses a file cut before its header, with the reason', () => {
    expect(() => parseAbletonSet(gz(LIVE_11).subarray(0, 12))).toThrow(
      /not an Ableton Live set: the gzip data is cut short/,
    );
    expect(() => parseAbletonSet(gz(LIVE_11).subarray(0, 5))).toThrow(
      /not an Ableton Live set: the gzip data/,
    );
    expect(() => parseAbletonSet(Buffer.from(LIVE_11.slice(0, 60)))).toThrow(
      /not an Ableton Live set: the XML ends early/,
    );
  });

  it('refuses what is not a Live set, with the reason', () => {
    expect(() => parseAbletonSet(Buffer.from('hello, not XML'))).toThrow(
      /not an Ableton Live set: the XML is malformed/,
    );
    expect(() => parseAbletonSet(Buffer.alloc(0))).toThrow(/not an Ableton Live set/);
    expect(() => parseAbletonSet(gz('{"json": true}'))).toThrow(
      /not an Ableton Live set: the XML is malformed/,
    );
    expect(() => parseAbletonSet(gz('<?xml version="1.0"?><Project><Track/></Project>'))).toThrow(
      /not an Ableton Live set: the document is <Project>, not <Ableton>/,
    );
    expect(() =>
      parseAbletonSet(gz('<Ableton Creator="Ableton Live 11.0"><GroupDevicePreset /></Ableton>')),
    ).toThrow(/not an Ableton Live set: .*<GroupDevicePreset> \(a preset or clip\)/);
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/ableton');
const HELIOS = join(CORPUS, 'polisen__ableton-project-analyzer/test_project');
const LIVE_12_DEFAULT = join(CORPUS, 'Evilander__logic2ableton/logic2ableton/data/DefaultLiveSet.als');

function alsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return alsFiles(path);
    return /\.als$/i.test(name) ? [path] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))(
  'Ableton Live sets in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('reads every set and backup: a Live version, a tempo, the main track first', () => {
      const files = alsFiles(CORPUS);
      expect(files.length).toBeGreaterThanOrEqual(6);
      for (const file of files) {
        const set = readAbletonProject(fileSource(file));
        expect(set.dawVersion, file).toMatch(/^Ableton Live 1[12]\./);
        expect(set.tempo, file).toBeGreaterThan(0);
        expect(set.tracks[0]?.type, file).toBe('master');
      }
    });

    it('test_project.als (Live 11.0): 160 bpm in 4/4, no key, its tracks, plugins and samples', () => {
      const set = readAbletonProject(fileSource(join(HELIOS, 'test_project.als')));
      expect(set).toMatchObject({
        dawVersion: 'Ableton Live 11.0',
        tempo: 160,
        timeSignature: '4/4',
        key: null,
        sampleRate: null,
        savedAt: null,
        trackCount: 19,
      });
      expect(set.tracks.slice(0, 4)).toEqual([
        { name: 'Master', type: 'master' },
        { name: 'snare', type: 'audio' },
        { name: 'kick', type: 'audio' },
        { name: '808', type: 'instrument' },
      ]);
      expect(set.tracks).toContainEqual({ name: '-> DRUMS', type: 'audio' });
      expect(set.tracks).toContainEqual({ name: '18-SRX STUDIO', type: 'instrument' });
      expect(set.plugins).toEqual(
        expect.arrayContaining([
          { name: 'SubLab', vendor: 'FutureAudioWorkshop', format: 'AU', instances: 2 },
          { name: 'Neutron 3 Equalizer', vendor: 'iZotope', format: 'AU', instances: 5 },
          { name: 'L3 UltraMaximizer', vendor: 'Waves', format: 'AU', instances: 3 },
          { name: 'Godfazer', vendor: null, format: 'VST', instances: 3 },
          { name: 'Heat Up 3', vendor: 'Initial Audio', format: 'VST3', instances: 1 },
          { name: 'SRX STUDIO', vendor: 'Roland Cloud', format: 'VST3', instances: 1 },
          { name: 'EQ Eight', vendor: 'Ableton', format: 'built-in', instances: 7 },
          { name: 'Audio Effect Rack', vendor: 'Ableton', format: 'built-in', instances: 9 },
        ]),
      );
      // The file holds 36 plugin descriptions (PluginDesc): each is one instance.
      const pluginInstances = set.plugins
        .filter((plugin) => plugin.format !== 'built-in')
        .reduce((sum, plugin) => sum + plugin.instances, 0);
      expect(pluginInstances).toBe(36);
      expect(set.samplePaths).toHaveLength(10);
      expect(set.samplePaths).toContain(
        'Samples/Processed/Freeze/Freeze 7-RYAN_HEMSWORTH_melody_loop_angel_guitar_02_140_G#min [2021-07-22 134316].wav',
      );
      expect(set.samplePaths).toContain(
        '/Users/fredrik/Splice/sounds/packs/Analogue Glow/SNS_Analogue_Glow/Loops/Melodic_Loops/Synth_Chords/SNS_AG_128_synth_chords_charter_A#m_1xDawBpm_300PitchAdjusted.wav',
      );
      // Its .adg racks and .aupreset plugin presets are referenced too, but are not samples.
      expect(set.samplePaths.filter((path) => !/\.(wav|aif)$/.test(path))).toEqual([]);
    });

    it('test_vocal_project.als: returns, and samples the folder no longer holds reported missing in it', () => {
      const set = readAbletonProject(fileSource(join(HELIOS, 'test_vocal_project.als')));
      expect(set.tracks).toEqual([
        { name: 'Master', type: 'master' },
        { name: '1-Audio', type: 'audio' },
        { name: '2-helios 2', type: 'audio' },
        { name: 'A-Reverb', type: 'return' },
        { name: 'B-Delay', type: 'return' },
      ]);
      expect(set.samplePaths).toEqual([
        'Samples/Recorded/1-Audio 0001 [2021-08-02 132543].aif',
        'Samples/Recorded/1-Audio 0002 [2021-08-02 170342].aif',
        'helios 2.mp3',
      ]);
      expect(set.samplePaths.map((path) => resolveSample(path, HELIOS))).toEqual(
        set.samplePaths.map((path) => ({
          storedPath: path,
          resolvedPath: join(HELIOS, path),
          exists: false,
        })),
      );
    });

    it('project-relative references resolve to the files in the project folder', () => {
      const recorded = 'Samples/Recorded/1-Audio 0002 [2021-08-02 170417].aif';
      const reversed = 'Samples/Processed/Reverse/BDM_04_Ambient_FX_Conga_Filter_116_0.5xDawBpm R.wav';
      const setPath = join(HELIOS, 'moved here.als');
      const set = readAbletonProject(
        memorySource(setPath, {
          '': gz(
            liveSet(
              'Creator="Ableton Live 11.0"',
              `<Tracks>${track(
                'AudioTrack',
                trackName('Vox'),
                '',
                audioClip(fileRef(3, recorded, `/Users/someone/else/${recorded}`)) +
                  audioClip(fileRef(3, reversed, `/Users/someone/else/${reversed}`)),
              )}</Tracks>`,
            ),
          ),
        }),
      );
      expect(set.samplePaths.map((path) => resolveSample(path, dirname(setPath)))).toEqual([
        { storedPath: recorded, resolvedPath: join(HELIOS, recorded), exists: true },
        { storedPath: reversed, resolvedPath: join(HELIOS, reversed), exists: true },
      ]);
    });

    it('DefaultLiveSet.als (Live 12.1): MainTrack, in key C Major, its return devices', () => {
      const set = readAbletonProject(fileSource(LIVE_12_DEFAULT));
      expect(set).toMatchObject({
        dawVersion: 'Ableton Live 12.1d1',
        tempo: 120,
        timeSignature: '4/4',
        key: 'C Major',
        trackCount: 7,
        samplePaths: [],
      });
      expect(set.tracks).toEqual([
        { name: 'Main', type: 'master' },
        { name: '1-MIDI', type: 'midi' },
        { name: '2-MIDI', type: 'midi' },
        { name: '3-Audio', type: 'audio' },
        { name: '4-Audio', type: 'audio' },
        { name: 'A-Reverb', type: 'return' },
        { name: 'B-Delay', type: 'return' },
      ]);
      expect(set.plugins).toEqual([
        { name: 'Reverb', vendor: 'Ableton', format: 'built-in', instances: 1 },
        { name: 'Delay', vendor: 'Ableton', format: 'built-in', instances: 1 },
      ]);
    });
  },
);
