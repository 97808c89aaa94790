// DAWproject files (.dawproject): synthetic 1.0 (XML) and 0.1 (JSON) projects for every rule, then
// the real 0.1 exports in the shared corpus (the corpus has no 1.0 file).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDawProject } from '../../src/main/core/projects/dawproject-project';
import { fileSource, memorySource, type ProjectSource } from '../../src/main/core/projects/project-source';

function dawproject(entries: Record<string, string>): ProjectSource {
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(entries)) files[name] = strToU8(text);
  return memorySource('/projects/Song.dawproject', { '': Buffer.from(zipSync(files)) });
}

function plugin(element: string, name: string, role: string, vendor?: string): string {
  return `<${element} deviceID="${name}" deviceName="${name}" deviceRole="${role}"${vendor ? ` deviceVendor="${vendor}"` : ''} loaded="true" id="d-${name}">
    <Parameters/><Enabled value="true"/><State path="plugins/${name}.preset"/>
  </${element}>`;
}

const PROJECT_1_0 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project version="1.0">
  <Application name="Bitwig Studio" version="5.0.9"/>
  <Transport>
    <Tempo max="666" min="20" unit="bpm" value="149.5" id="id0" name="Tempo"/>
    <TimeSignature denominator="4" numerator="3" id="id1"/>
  </Transport>
  <Structure>
    <Track contentType="notes" loaded="true" id="t1" name="Bass">
      <Channel audioChannels="2" destination="m" role="regular" id="c1">
        <Devices>${plugin('ClapPlugin', 'Surge XT', 'instrument', 'Surge Synth Team')}</Devices>
      </Channel>
    </Track>
    <Track contentType="notes" loaded="true" id="t2" name="Arp Lane">
      <Channel role="regular" id="c2">
        <Devices>${plugin('BuiltinDevice', 'Arpeggiator', 'noteFX')}</Devices>
      </Channel>
    </Track>
    <Track contentType="audio" loaded="true" id="t3" name="Drumloop">
      <Channel role="regular" id="c3">
        <Devices>
          ${plugin('Vst3Plugin', 'Pro-Q 3', 'audioFX', 'FabFilter')}
          ${plugin('Vst2Plugin', 'ValhallaRoom', 'audioFX', 'Valhalla DSP, LLC')}
          <Equalizer deviceName="EQ+" deviceRole="audioFX" id="eq"><Band type="bell"><Freq unit="hertz" value="1000"/></Band></Equalizer>
        </Devices>
      </Channel>
    </Track>
    <Track contentType="tracks" loaded="true" id="t4" name="Drums">
      <Channel role="submix" id="c4"/>
      <Track contentType="audio" loaded="true" id="t5" name="Snare">
        <Channel role="regular" id="c5">
          <Devices>${plugin('AuPlugin', 'AUBandpass', 'audioFX', 'Apple')}</Devices>
        </Channel>
      </Track>
      <Track contentType="audio" loaded="true" id="t6" name="Hats">
        <Channel role="regular" id="c6"/>
      </Track>
    </Track>
    <Track contentType="audio" loaded="true" id="t7" name="Reverb">
      <Channel role="effect" id="c7">
        <Devices>${plugin('Vst3Plugin', 'Pro-Q 3', 'audioFX', 'FabFilter')}</Devices>
      </Channel>
    </Track>
    <Track contentType="audio notes" loaded="true" id="t8" name="Hybrid">
      <Channel role="regular" id="c8"/>
    </Track>
    <Track contentType="automation" loaded="true" id="t9" name="Macro Lane"/>
    <Track contentType="audio notes" loaded="true" id="t10" name="Master">
      <Channel role="master" id="m">
        <Devices>
          <Limiter deviceName="Peak Limiter" deviceRole="audioFX" id="lim"/>
          <Compressor deviceName="Compressor" deviceRole="audioFX" id="comp"/>
        </Devices>
      </Channel>
    </Track>
    <Channel role="vca" id="v1" name="VCA 1"/>
  </Structure>
  <Arrangement id="a">
    <Lanes timeUnit="beats" id="l">
      <Lanes track="t3" id="l3">
        <Clips id="cl">
          <Clip time="0" duration="8" name="Loop">
            <Warps contentTimeUnit="seconds" id="w">
              <Audio channels="2" duration="5.2" sampleRate="44100" id="au1"><File path="audio/Drumfunk 170bpm.wav"/></Audio>
              <Warp time="0" contentTime="0"/>
            </Warps>
          </Clip>
          <Clip time="8" duration="8"><Audio channels="2" duration="5.2" sampleRate="44100" id="au2"><File path="audio/Drumfunk 170bpm.wav" external="false"/></Audio></Clip>
          <Clip time="16" duration="8"><Audio channels="1" duration="1" sampleRate="48000" id="au3"><File path="/Users/me/Samples/Kick 01.wav" external="true"/></Audio></Clip>
          <Clip time="24" duration="8"><Audio channels="1" duration="1" sampleRate="48000" id="au4"><File path="audio/lost.wav"/></Audio></Clip>
          <Clip time="32" duration="8"><Video channels="2" duration="1" sampleRate="48000" id="vi"><File path="video/clip.mp4"/></Video></Clip>
        </Clips>
      </Lanes>
    </Lanes>
  </Arrangement>
  <Scenes>
    <Scene id="s1"><Lanes id="sl"><ClipSlot track="t3" id="cs"><Clip time="0" duration="4"><Audio channels="2" duration="1" sampleRate="44100" id="au5"><File path="D:\\Loops\\Break.wav" external="true"/></Audio></Clip></ClipSlot></Lanes></Scene>
  </Scenes>
</Project>`;

const FULL_1_0 = {
  'project.xml': PROJECT_1_0,
  'metadata.xml': '<MetaData><Title>Song</Title></MetaData>',
  'audio/Drumfunk 170bpm.wav': 'RIFF',
  'video/clip.mp4': 'mp4',
  'plugins/Pro-Q 3.preset': 'state',
};

describe('DAWproject 1.0 (XML) reader', () => {
  it('reads the application and version, tempo and signature; no key, sample rate or save time', () => {
    expect(readDawProject(dawproject(FULL_1_0))).toMatchObject({
      dawVersion: 'Bitwig Studio 5.0.9',
      tempo: 149.5,
      timeSignature: '3/4',
      key: null,
      sampleRate: null,
      savedAt: null,
    });
  });

  it('types tracks by channel role, nesting, content and instrument; nested tracks follow their group', () => {
    const project = readDawProject(dawproject(FULL_1_0));
    expect(project.tracks).toEqual([
      { name: 'Bass', type: 'instrument' },
      { name: 'Arp Lane', type: 'midi' },
      { name: 'Drumloop', type: 'audio' },
      { name: 'Drums', type: 'group' },
      { name: 'Snare', type: 'audio' },
      { name: 'Hats', type: 'audio' },
      { name: 'Reverb', type: 'return' },
      { name: 'Hybrid', type: 'audio' },
      { name: 'Macro Lane', type: 'other' },
      { name: 'Master', type: 'master' },
      { name: 'VCA 1', type: 'other' },
    ]);
    expect(project.trackCount).toBe(11);
  });

  it('counts devices by format, name and vendor: CLAP, VST3, VST2, AU and built-in', () => {
    expect(readDawProject(dawproject(FULL_1_0)).plugins).toEqual([
      { name: 'Surge XT', vendor: 'Surge Synth Team', format: 'CLAP', instances: 1 },
      { name: 'Arpeggiator', vendor: null, format: 'built-in', instances: 1 },
      { name: 'Pro-Q 3', vendor: 'FabFilter', format: 'VST3', instances: 2 },
      { name: 'ValhallaRoom', vendor: 'Valhalla DSP, LLC', format: 'VST', instances: 1 },
      { name: 'EQ+', vendor: null, format: 'built-in', instances: 1 },
      { name: 'AUBandpass', vendor: 'Apple', format: 'AU', instances: 1 },
      { name: 'Peak Limiter', vendor: null, format: 'built-in', instances: 1 },
      { name: 'Compressor', vendor: null, format: 'built-in', instances: 1 },
    ]);
  });

  it('puts audio held in the container in embeddedSamples and the rest in samplePaths as stored; plug-in states and video are not samples', () => {
    const project = readDawProject(dawproject(FULL_1_0));
    expect(project.embeddedSamples).toEqual(['audio/Drumfunk 170bpm.wav']);
    expect(project.samplePaths).toEqual([
      '/Users/me/Samples/Kick 01.wav',
      'audio/lost.wav',
      'D:\\Loops\\Break.wav',
    ]);
  });

  it('keeps what was read before project.xml breaks off', () => {
    const cut = PROJECT_1_0.slice(0, PROJECT_1_0.indexOf('<Track contentType="tracks"'));
    const project = readDawProject(dawproject({ 'project.xml': cut }));
    expect(project.tempo).toBe(149.5);
    expect(project.tracks.map((track) => track.name)).toEqual(['Bass', 'Arp Lane', 'Drumloop']);
    expect(project.plugins.map((plugin) => plugin.name)).toContain('ValhallaRoom');
  });

  it('refuses an archive without a project document, one whose project.xml is something else, one cut short', () => {
    expect(() => readDawProject(dawproject({ 'metadata.xml': '<MetaData/>' }))).toThrow(
      'not a DAWproject (no project.xml or project.json in the archive)',
    );
    expect(() => readDawProject(dawproject({ 'project.xml': '<Ableton MajorVersion="5"/>' }))).toThrow(
      'not a DAWproject (project.xml has no <Project> root)',
    );
    expect(() => readDawProject(dawproject({ 'project.xml': 'no markup at all' }))).toThrow(
      /no <Project> root/,
    );
    const whole = dawproject(FULL_1_0).bytes();
    expect(() =>
      readDawProject(memorySource('/x.dawproject', { '': whole.subarray(0, whole.length - 40) })),
    ).toThrow(/damaged or cut short/);
  });
});

const PROJECT_0_1 = JSON.stringify({
  application: { name: 'Some Host', version: '1.2' },
  transport: { tempo: 87.5, signature: { numerator: 6, denominator: 8 } },
  tracks: [
    { meta: { title: 'Keys' }, output: { location: 'channels', index: 0 } },
    { meta: { title: 'Lead' }, output: { location: 'channels', index: 1 } },
    { meta: { title: 'Loop' }, output: { location: 'channels', index: 2 } },
    { meta: { title: 'Verb' }, output: { location: 'channels', index: 3 } },
    { meta: { title: 'Bus' }, output: { location: 'channels', index: 4 } },
    { meta: { title: 'Master' }, output: { location: 'channels', index: 5 } },
    { meta: { title: 'Empty' } },
  ],
  channels: [
    {
      devices: [{ location: 'devices', index: 0 }],
      output: { location: 'channels', index: 4 },
      sends: [{ output: { location: 'channels', index: 3 } }],
    },
    { devices: [{ location: 'devices', index: 1 }], output: { location: 'channels', index: 5 } },
    {
      devices: [
        { location: 'devices', index: 2 },
        { location: 'devices', index: 3 },
        { location: 'devices', index: 4 },
        { location: 'devices', index: 5 },
      ],
      output: { location: 'channels', index: 5 },
    },
    { output: { location: 'channels', index: 5 } },
    { output: { location: 'channels', index: 5 } },
    { devices: [] },
  ],
  devices: [
    {
      deviceName: 'Kontakt',
      deviceType: 'instrument',
      stateFile: 'plugin-states/1.vstpreset',
      deviceVendor: 'Native Instruments',
    },
    { deviceName: 'Arpeggiator', deviceType: 'noteEffect' },
    { deviceName: 'ReaComp', deviceType: 'audioEffect', stateFile: 'plugin-states/2.fxp' },
    { deviceName: 'AUDelay', deviceType: 'audioEffect', stateFile: 'plugin-states/3.aupreset' },
    { deviceName: 'Surge XT', deviceType: 'audioEffect', stateFile: 'plugin-states/4.clap-preset' },
    { deviceName: 'Mystery', deviceType: 'audioEffect', stateFile: 'plugin-states/5.bin' },
  ],
  trackTimelines: [
    { track: { location: 'tracks', index: 0 }, timeline: { location: 'clipTimelines', index: 0 } },
    { track: { location: 'tracks', index: 1 }, timeline: { location: 'clipTimelines', index: 1 } },
    { track: { location: 'tracks', index: 2 }, timeline: { location: 'clipTimelines', index: 2 } },
  ],
  clipTimelines: [
    { clips: [{ content: { location: 'noteTimelines', index: 0 } }] },
    {
      clips: [
        { content: { location: 'clipTimelines', index: 1 } },
        { content: { location: 'noteTimelines', index: 0 } },
      ],
    },
    { clips: [{ content: { location: 'clipTimelines', index: 3 } }] },
    {
      clips: [
        { content: { location: 'audioTimelines', index: 0 } },
        { content: { location: 'audioTimelines', index: 1 } },
      ],
    },
  ],
  noteTimelines: [{ notes: [] }],
  audioTimelines: [
    { audioFile: 'samples/loop 01.wav' },
    { audioFile: '/Users/me/Samples/Ride.aif' },
    { audioFile: 'samples/loop 01.wav' },
  ],
});

describe('DAWproject 0.1 (JSON) reader', () => {
  const project = readDawProject(
    dawproject({ 'project.json': PROJECT_0_1, 'metadata.json': '{}', 'samples/loop 01.wav': 'RIFF' }),
  );

  it('reads transport and, where given, the application', () => {
    expect(project).toMatchObject({
      dawVersion: 'Some Host 1.2',
      tempo: 87.5,
      timeSignature: '6/8',
      key: null,
    });
  });

  it('types tracks from their content (through nested clip timelines), instruments, sends and outputs', () => {
    expect(project.tracks).toEqual([
      { name: 'Keys', type: 'instrument' },
      { name: 'Lead', type: 'midi' },
      { name: 'Loop', type: 'audio' },
      { name: 'Verb', type: 'return' },
      { name: 'Bus', type: 'group' },
      { name: 'Master', type: 'master' },
      { name: 'Empty', type: 'other' },
    ]);
  });

  it('tells plug-in formats by their state file, devices without one are built in, other state types are left out', () => {
    expect(project.plugins).toEqual([
      { name: 'Kontakt', vendor: 'Native Instruments', format: 'VST3', instances: 1 },
      { name: 'Arpeggiator', vendor: null, format: 'built-in', instances: 1 },
      { name: 'ReaComp', vendor: null, format: 'VST', instances: 1 },
      { name: 'AUDelay', vendor: null, format: 'AU', instances: 1 },
      { name: 'Surge XT', vendor: null, format: 'CLAP', instances: 1 },
    ]);
  });

  it('lists audio in the container as embedded and other files as stored, each once', () => {
    expect(project.embeddedSamples).toEqual(['samples/loop 01.wav']);
    expect(project.samplePaths).toEqual(['/Users/me/Samples/Ride.aif']);
  });

  it('refuses a project.json that is cut short or not a project', () => {
    expect(() => readDawProject(dawproject({ 'project.json': PROJECT_0_1.slice(0, 200) }))).toThrow(
      /project\.json is not readable JSON/,
    );
    expect(() => readDawProject(dawproject({ 'project.json': '[1, 2]' }))).toThrow(
      'project.json does not hold a project',
    );
  });
});

const CORPUS = join(
  __dirname,
  '../../../shared/corpus/projects/dawproject/bitwig__dawproject/src/test-data/0.1/bitwig',
);

describe.skipIf(!existsSync(CORPUS))(
  'DAWproject files in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('sends.dawproject (Bitwig, 0.1): 110 bpm in 4/4, two empty tracks and the two effect tracks their sends reach', () => {
      expect(readDawProject(fileSource(join(CORPUS, 'sends.dawproject')))).toEqual({
        dawVersion: null,
        tempo: 110,
        timeSignature: '4/4',
        key: null,
        sampleRate: null,
        trackCount: 4,
        tracks: [
          { name: 'Inst 1', type: 'other' },
          { name: 'Audio 2', type: 'other' },
          { name: 'S1 Effect', type: 'return' },
          { name: 'S2 Effect', type: 'return' },
        ],
        plugins: [],
        samplePaths: [],
        embeddedSamples: [],
        savedAt: null,
      });
    });

    it('test3x.dawproject (Bitwig, 0.1): 92 bpm, two note tracks, an audio track and its embedded break', () => {
      const project = readDawProject(fileSource(join(CORPUS, 'test3x.dawproject')));
      expect(project).toMatchObject({ tempo: 92, timeSignature: '4/4', trackCount: 4 });
      expect(project.tracks).toEqual([
        { name: 'Chords', type: 'midi' },
        { name: 'Bass', type: 'midi' },
        { name: 'RC 08 92bpm Break Sp1200', type: 'audio' },
        { name: 'S1 Effect', type: 'return' },
      ]);
      expect(project.embeddedSamples).toEqual(['samples/RC 08 92bpm Break Sp1200.wav']);
      expect(project.samplePaths).toEqual([]);
    });
  },
);
