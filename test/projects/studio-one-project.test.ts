// Studio One songs (.song, a zip of XML): a synthetic song for every rule, then the real ones in
// the shared corpus.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileSource, memorySource } from '../../src/main/core/projects/project-source';
import { readStudioOneProject, storedPathOfUrl } from '../../src/main/core/projects/studio-one-project';

const METAINFO = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<MetaInformation>
  <Attribute id="Document:Title" value="Night Drive"/>
  <Attribute id="Document:Generator" value="Studio One/6.5.2.97440"/>
  <Attribute id="Media:SampleRate" value="48000"/>
  <Attribute id="Media:Tempo" value="128.5"/>
  <Attribute id="Media:TimeSignatureNumerator" value="7"/>
  <Attribute id="Media:TimeSignatureDenominator" value="8"/>
  <Attribute id="Media:KeySignature" value="A Minor"/>
  <Attribute id="Media:TrackCount" value="5"/>
</MetaInformation>`;

const SONG = `<?xml version="1.0" encoding="UTF-8"?>
<Song>
  <Attributes x:id="Root">
    <Attributes x:id="timeContext" sampleRate="44100">
      <TempoMap x:id="tempoMap">
        <TempoMapSegment curveType="0" start="0" end="32" tempo="0.48"/>
        <TempoMapSegment curveType="0" start="32" end="1e200" tempo="0.5"/>
      </TempoMap>
      <TimeSignatureMap x:id="timeSignatureMap">
        <TimeSignatureMapSegment start="0" numerator="3" denominator="4"/>
      </TimeSignatureMap>
    </Attributes>
    <List x:id="Tracks">
      <MarkerTrack version="1"/>
      <ArrangerTrack version="1"/>
      <ChordTrack version="1"/>
      <FolderTrack name="Drums"/>
      <MediaTrack mediaType="Audio" name="Kick &amp; Snare" trackID="{1}"/>
      <MediaTrack mediaType="Music" name="Keys" trackID="{2}"/>
      <AutomationTrack name="Filter Sweep"/>
      <MediaTrack mediaType="Audio" name="Vox" trackID="{3}"/>
    </List>
  </Attributes>
</Song>`;

function insert(slot: string, name: string, subCategory: string, extra = ''): string {
  return `<Attributes name="${slot}">
    <Attributes x:id="deviceData" name="${name} (2)"/>
    <Attributes x:id="ghostData" presetType="fxpreset">
      <Attributes x:id="classInfo" classID="{X}" name="${name}" category="AudioEffect" subCategory="${subCategory}"${extra}/>
    </Attributes>
  </Attributes>`;
}

const MIXER = `<?xml version="1.0" encoding="UTF-8"?>
<AudioMixer>
  <Attributes x:id="channels" name="Channels" flags="1">
    <ChannelGroup name="AudioOutput">
      <AudioOutputChannel name="Channel01" label="Main">
        <Attributes x:id="Inserts">
          <Attributes x:id="Presets" pname="default"/>
          ${insert('FX01', 'Limiter', '(Native)/Mastering')}
        </Attributes>
      </AudioOutputChannel>
      <AudioOutputChannel name="Channel02" label="Sub Out"/>
    </ChannelGroup>
    <ChannelGroup name="AudioTrack">
      <AudioTrackChannel name="Channel01" label="Kick &amp; Snare">
        <Attributes x:id="Inserts">
          <Attributes x:id="Presets" pname="default"/>
          <Attributes x:id="Combinator" name="Combinator"/>
          ${insert('FX01', 'Pro EQ', '(Native)/EQ')}
          ${insert('FX02', 'FabFilter Pro-Q 3', 'VST3/Fx|EQ', ' vendor="FabFilter"')}
          <Attributes name="FX03">
            <Attributes x:id="deviceData" name="A slot without class information"/>
          </Attributes>
          <Attributes x:id="classInfo" name="Not inside a ghostData" subCategory="VST2"/>
        </Attributes>
      </AudioTrackChannel>
      <AudioTrackChannel name="Channel02" label="Vox">
        <Attributes x:id="Inserts">
          ${insert('FX01', 'Pro EQ', '(Native)/EQ')}
          ${insert('FX02', 'FabFilter Pro-Q 3', 'VST3/Fx|EQ', ' vendor="FabFilter"')}
          ${insert('FX03', 'ValhallaRoom', 'VST2/Reverb')}
          ${insert('FX04', 'AUGraphicEQ', 'AU/EQ')}
          ${insert('FX05', 'Some Future Kind', 'LV9')}
        </Attributes>
      </AudioTrackChannel>
    </ChannelGroup>
    <ChannelGroup name="AudioGroup">
      <AudioGroupChannel name="Channel01" label="Drum Bus"/>
    </ChannelGroup>
    <ChannelGroup name="AudioEffect">
      <AudioEffectChannel name="Channel01" label="Reverb FX">
        <Attributes x:id="Inserts">${insert('FX01', 'Surge XT Effects', 'CLAP/Reverb')}</Attributes>
      </AudioEffectChannel>
    </ChannelGroup>
  </Attributes>
</AudioMixer>`;

const SYNTHS = `<?xml version="1.0" encoding="UTF-8"?>
<AudioSynthFolder>
  <Attributes x:id="Presets" pname="default"/>
  <Attributes name="Serum" speakerFormat="Stereo">
    <Attributes x:id="deviceData" name="Serum"/>
    <Attributes x:id="ghostData"><Attributes x:id="classInfo" name="Serum" category="AudioSynth" subCategory="VST3"/></Attributes>
  </Attributes>
  <Attributes name="Mai Tai" speakerFormat="Stereo">
    <Attributes x:id="deviceData" name="Mai Tai"/>
    <Attributes x:id="ghostData"><Attributes x:id="classInfo" name="Mai Tai" category="AudioSynth" subCategory="(Native)"/></Attributes>
  </Attributes>
</AudioSynthFolder>`;

const NOTE_FX = `<?xml version="1.0" encoding="UTF-8"?>
<MusicTrackDevice>
  <Attributes x:id="channels">
    <ChannelGroup name="MusicTrack">
      <MusicTrackChannel label="Keys">
        <Attributes x:id="Inserts">
          <Attributes name="NFX01">
            <Attributes x:id="ghostData"><Attributes x:id="classInfo" name="Arpeggiator" category="MusicEffect" subCategory="(Native)"/></Attributes>
          </Attributes>
        </Attributes>
      </MusicTrackChannel>
    </ChannelGroup>
  </Attributes>
</MusicTrackDevice>`;

function clip(url: string): string {
  return `<AudioClip mediaID="{${url.length}}" useCount="1">
    <Url x:id="path" type="1" url="${url}"/>
    <List x:id="modifications"><AudioBendProperties><Url x:id="bendMarkers" url="media:///ClipData/Audio/x.audiobendx"/></AudioBendProperties></List>
  </AudioClip>`;
}

const MEDIA_POOL = `<?xml version="1.0" encoding="UTF-8"?>
<MediaPool>
  <Attributes x:id="rootFolder">
    <MediaFolder name="Audio">
      ${clip('file:///Users/me/Studio%20One/Songs/Night%20Drive/Media/Vox%2001.wav')}
      ${clip('file:///C:/Users/Me/My%20Samples/K%C3%B6lsch%20Kick.wav')}
      ${clip('file://nas/share/Loops/break.aif')}
      ${clip('file:///Users/me/Studio%20One/Songs/Night%20Drive/Media/Vox%2001.wav')}
      ${clip('media:///Media/Bounce%201.wav')}
      ${clip('media:///Media/Gone.wav')}
      <MusicClip mediaID="{M}"><Url x:id="dataPath" type="1" url="media:///Performances/Keys/Keys(0).musicx"/></MusicClip>
    </MediaFolder>
  </Attributes>
  <Attributes x:id="documentPath" type="1" url="file:///Users/me/Studio%20One/Songs/Night%20Drive/Night%20Drive.song"/>
</MediaPool>`;

function song(entries: Record<string, string>): ReturnType<typeof memorySource> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(entries)) files[name] = strToU8(text);
  return memorySource('/songs/Night Drive/Night Drive.song', { '': Buffer.from(zipSync(files)) });
}

const FULL = {
  'metainfo.xml': METAINFO,
  'Song/song.xml': SONG,
  'Song/mediapool.xml': MEDIA_POOL,
  'Devices/audiomixer.xml': MIXER,
  'Devices/audiosynthfolder.xml': SYNTHS,
  'Devices/musictrackdevice.xml': NOTE_FX,
  'Media/Bounce 1.wav': 'RIFF',
};

describe('Studio One song reader', () => {
  it('reads version, tempo, signature, key and sample rate from metainfo.xml; no save time', () => {
    expect(readStudioOneProject(song(FULL))).toMatchObject({
      dawVersion: 'Studio One 6.5.2.97440',
      tempo: 128.5,
      timeSignature: '7/8',
      key: 'A Minor',
      sampleRate: 48000,
      savedAt: null,
    });
  });

  it('takes "-" and an empty key for "no key set", and falls back to song.xml for the rest', () => {
    const sparse = `<MetaInformation>
      <Attribute id="Document:Generator" value="Studio One/5.3.0.65413"/>
      <Attribute id="Media:KeySignature" value="-"/>
    </MetaInformation>`;
    expect(readStudioOneProject(song({ ...FULL, 'metainfo.xml': sparse }))).toMatchObject({
      dawVersion: 'Studio One 5.3.0.65413',
      key: null,
      tempo: 125,
      timeSignature: '3/4',
      sampleRate: 44100,
    });
    const empty = sparse.replace('value="-"', 'value=""');
    expect(readStudioOneProject(song({ ...FULL, 'metainfo.xml': empty })).key).toBeNull();
    const noGenerator = '<MetaInformation><Attribute id="Media:Tempo" value="90"/></MetaInformation>';
    expect(readStudioOneProject(song({ 'metainfo.xml': noGenerator }))).toMatchObject({
      dawVersion: null,
      tempo: 90,
      tracks: [],
      plugins: [],
      samplePaths: [],
    });
  });

  it('lists the song tracks, then busses and FX channels, then the outputs (the first is the master)', () => {
    const project = readStudioOneProject(song(FULL));
    expect(project.tracks).toEqual([
      { name: 'Drums', type: 'group' },
      { name: 'Kick & Snare', type: 'audio' },
      { name: 'Keys', type: 'instrument' },
      { name: 'Filter Sweep', type: 'other' },
      { name: 'Vox', type: 'audio' },
      { name: 'Drum Bus', type: 'group' },
      { name: 'Reverb FX', type: 'return' },
      { name: 'Main', type: 'master' },
      { name: 'Sub Out', type: 'other' },
    ]);
    expect(project.trackCount).toBe(9);
  });

  it('counts devices by class and kind: native, VST3, VST2, AU and CLAP; unknown kinds and loose class records are left out', () => {
    expect(readStudioOneProject(song(FULL)).plugins).toEqual([
      { name: 'Limiter', vendor: null, format: 'built-in', instances: 1 },
      { name: 'Pro EQ', vendor: null, format: 'built-in', instances: 2 },
      { name: 'FabFilter Pro-Q 3', vendor: 'FabFilter', format: 'VST3', instances: 2 },
      { name: 'ValhallaRoom', vendor: null, format: 'VST', instances: 1 },
      { name: 'AUGraphicEQ', vendor: null, format: 'AU', instances: 1 },
      { name: 'Surge XT Effects', vendor: null, format: 'CLAP', instances: 1 },
      { name: 'Serum', vendor: null, format: 'VST3', instances: 1 },
      { name: 'Mai Tai', vendor: null, format: 'built-in', instances: 1 },
      { name: 'Arpeggiator', vendor: null, format: 'built-in', instances: 1 },
    ]);
  });

  it('returns audio clip files as decoded paths in their own OS form, each once; media inside the song is embedded', () => {
    const project = readStudioOneProject(song(FULL));
    expect(project.samplePaths).toEqual([
      '/Users/me/Studio One/Songs/Night Drive/Media/Vox 01.wav',
      'C:\\Users\\Me\\My Samples\\Kölsch Kick.wav',
      '\\\\nas\\share\\Loops\\break.aif',
      'Media/Gone.wav',
    ]);
    expect(project.embeddedSamples).toEqual(['Media/Bounce 1.wav']);
  });

  it('turns file URLs into paths on any OS, and keeps what it cannot decode as written', () => {
    expect(storedPathOfUrl('file:///Volumes/Samples/a%20b.wav')).toEqual({
      path: '/Volumes/Samples/a b.wav',
      inside: false,
    });
    expect(storedPathOfUrl('file://localhost/tmp/x.wav').path).toBe('/tmp/x.wav');
    expect(storedPathOfUrl('file:///D:/Audio/x.wav').path).toBe('D:\\Audio\\x.wav');
    expect(storedPathOfUrl('file:///d|/Audio/x.wav').path).toBe('d:\\Audio\\x.wav');
    expect(storedPathOfUrl('file://E:/Audio/x.wav').path).toBe('E:\\Audio\\x.wav');
    expect(storedPathOfUrl('file://server/share/a%20b.wav').path).toBe('\\\\server\\share\\a b.wav');
    expect(storedPathOfUrl('file:/Users/x/100% wet.wav').path).toBe('/Users/x/100% wet.wav');
    expect(storedPathOfUrl('file:///Users/x/%E2%82.wav').path).toBe('/Users/x/%E2%82.wav');
    expect(storedPathOfUrl('media:///Media/a%20b.wav')).toEqual({ path: 'Media/a b.wav', inside: true });
    expect(storedPathOfUrl('Media/plain.wav')).toEqual({ path: 'Media/plain.wav', inside: false });
  });

  it('keeps what was read before a document breaks off', () => {
    const cut = SONG.slice(0, SONG.indexOf('<AutomationTrack'));
    expect(readStudioOneProject(song({ ...FULL, 'Song/song.xml': cut })).tracks.slice(0, 3)).toEqual([
      { name: 'Drums', type: 'group' },
      { name: 'Kick & Snare', type: 'audio' },
      { name: 'Keys', type: 'instrument' },
    ]);
  });

  it('refuses a zip without metainfo.xml, a zip cut short and a file that is not a zip, with the reason', () => {
    expect(() => readStudioOneProject(song({ 'Song/song.xml': SONG }))).toThrow(
      'not a Studio One song (no metainfo.xml in the archive)',
    );
    const whole = song(FULL).bytes();
    const cut = memorySource('/x.song', { '': whole.subarray(0, Math.floor(whole.length / 2)) });
    expect(() => readStudioOneProject(cut)).toThrow(/damaged or cut short/);
    expect(() => readStudioOneProject(memorySource('/x.song', { '': METAINFO }))).toThrow(
      /not a zip archive/,
    );
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/studio-one/paulomouat__StudioOneTools');

describe.skipIf(!existsSync(CORPUS))(
  'Studio One songs in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    const RAW = '/Users/paulomouat/Documents/Studio One/Songs/test-song/raw';

    it('test-song-flac.song (Studio One 5.3): 120 bpm in 4/4 at 96 kHz, no key, one audio track and Main, five FLAC clips', () => {
      const project = readStudioOneProject(fileSource(join(CORPUS, 'test-song-flac.song')));
      expect(project).toMatchObject({
        dawVersion: 'Studio One 5.3.0.65413',
        tempo: 120,
        timeSignature: '4/4',
        key: null,
        sampleRate: 96000,
        savedAt: null,
        trackCount: 2,
        tracks: [
          { name: 'normal file', type: 'audio' },
          { name: 'Main', type: 'master' },
        ],
        plugins: [],
        embeddedSamples: [],
      });
      expect(project.samplePaths).toEqual(
        ['nf-05', 'nf-04', 'nf-03', 'nf-02', 'nf-01'].map((n) => `${RAW}/${n}.flac`),
      );
    });

    it('test-song.song (rewritten by a tool, with .rename-bak copies): its own four clips, not the backup’s', () => {
      const project = readStudioOneProject(fileSource(join(CORPUS, 'test-song.song')));
      expect(project.tracks).toEqual([
        { name: 'normal file', type: 'audio' },
        { name: 'Main', type: 'master' },
      ]);
      expect(project.samplePaths).toEqual(
        ['nf-04', 'nf-03', 'nf-02', 'nf-01'].map((n) => `${RAW}/${n}.flac`),
      );
    });
  },
);
