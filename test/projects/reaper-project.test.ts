// REAPER projects (.rpp): a synthetic file for every rule, then the real ones in the shared corpus.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReaperProject, tokenize } from '../../src/main/core/projects/reaper-project';

const SYNTHETIC = `<REAPER_PROJECT 0.1 "7.12/macOS-arm64" 1700000000
  RIPPLE 0
  TEMPO 126.5 7 8
  SAMPLERATE 48000 0 0
  RENDER_FILE "Renders/Final Mix.wav"
  <MASTERFXLIST
    <VST "VST3: Pro-L 2 (FabFilter)" "FabFilter Pro-L 2.vst3" 0 "" 123<56> ""
      ZXZhdxgAAA==
    >
  >
  <TRACK {A}
    NAME Drums
    ISBUS 1 1
  >
  <TRACK {B}
    NAME "Kick 'In'"
    <FXCHAIN
      <VST "VST: ReaComp (Cockos)" reacomp.dll 0 "" 1919247213
        bWNlcu5e7f4=
      >
      <JS loser/3BandEQ ""
      >
      <VST "VST: ReaComp (Cockos)" reacomp.dll 0 "Kick Duck" 1919247213
      >
    >
    <ITEM
      <SOURCE WAVE
        FILE "Audio\\kick 01.wav"
      >
    >
    <ITEM
      <SOURCE SECTION
        <SOURCE FLAC
          FILE "/Volumes/Samples/kick 02.flac"
        >
      >
    >
  >
  <TRACK {C}
    NAME \`Keys "Rhodes"\`
    <FXCHAIN
      <VST "VSTi: Absynth 5 (x86) (Native Instruments GmbH) (2->6ch)" "Absynth 5.dll" 0 "" 1
      >
      <AU "AUi: Alchemy (Apple)" "Apple: Alchemy" "" 1
      >
      <CLAP "CLAPi: Surge XT (Surge Synth Team)" org.surge-synth-team.surge-xt ""
      >
    >
  >
  <TRACK {D}
    NAME Bassline
    <ITEM
      <SOURCE MIDI
        HASDATA 1 960 QN
        E 0 90 24 60
      >
    >
  >
  <TRACK {E}
    NAME Vox
    <ITEM
      <SOURCE WAVE
        FILE "Audio\\kick 01.wav"
      >
    >
  >
  <TRACK {F}
    NAME "Empty"
  >
>
`;

describe('REAPER project reader', () => {
  it('reads version, save time, tempo, signature, sample rate and render file', () => {
    const project = parseReaperProject(SYNTHETIC);
    expect(project).toMatchObject({
      dawVersion: 'REAPER 7.12',
      savedAt: '2023-11-14T22:13:20.000Z',
      tempo: 126.5,
      timeSignature: '7/8',
      sampleRate: 48000,
      key: null,
      renderFile: 'Renders/Final Mix.wav',
    });
  });

  it('reads tracks with their types, the master first', () => {
    expect(parseReaperProject(SYNTHETIC).tracks).toEqual([
      { name: 'Master', type: 'master' },
      { name: 'Drums', type: 'group' },
      { name: "Kick 'In'", type: 'audio' },
      { name: 'Keys "Rhodes"', type: 'instrument' },
      { name: 'Bassline', type: 'midi' },
      { name: 'Vox', type: 'audio' },
      { name: 'Empty', type: 'other' },
    ]);
    expect(parseReaperProject(SYNTHETIC).trackCount).toBe(7);
  });

  it('counts plugin instances by format, name and vendor, the master chain included', () => {
    expect(parseReaperProject(SYNTHETIC).plugins).toEqual([
      { name: 'Pro-L 2', vendor: 'FabFilter', format: 'VST3', instances: 1 },
      { name: 'ReaComp', vendor: 'Cockos', format: 'VST', instances: 2 },
      { name: 'loser/3BandEQ', vendor: null, format: 'JS', instances: 1 },
      { name: 'Absynth 5', vendor: 'Native Instruments GmbH', format: 'VST', instances: 1 },
      { name: 'Alchemy', vendor: 'Apple', format: 'AU', instances: 1 },
      { name: 'Surge XT', vendor: 'Surge Synth Team', format: 'CLAP', instances: 1 },
    ]);
  });

  it('lists each sample file once, as stored, sections and either separator included', () => {
    expect(parseReaperProject(SYNTHETIC).samplePaths).toEqual([
      'Audio\\kick 01.wav',
      '/Volumes/Samples/kick 02.flac',
    ]);
  });

  it('tokenizes the three quote characters and unterminated strings', () => {
    expect(tokenize('NAME "a b" \'c "d"\' `e \'f\'` g')).toEqual(['NAME', 'a b', 'c "d"', "e 'f'", 'g']);
    expect(tokenize('NAME "cut short')).toEqual(['NAME', 'cut short']);
  });

  it('refuses what is not a REAPER project, and survives a file cut short', () => {
    expect(() => parseReaperProject('hello')).toThrow(/not a REAPER project/);
    expect(() => parseReaperProject('')).toThrow(/not a REAPER project/);
    const cut = SYNTHETIC.slice(0, SYNTHETIC.indexOf('<AU'));
    const project = parseReaperProject(cut);
    expect(project.tempo).toBe(126.5);
    expect(project.plugins.map((plugin) => plugin.name)).toContain('Absynth 5');
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/reaper');

function rppFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rppFiles(path);
    return /\.rpp$/i.test(name) ? [path] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))(
  'REAPER projects in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('reads every .rpp/.RPP without throwing: a version, a tempo, a sample rate, the master track', () => {
      const files = rppFiles(CORPUS);
      expect(files.length).toBeGreaterThanOrEqual(9);
      for (const file of files) {
        const project = parseReaperProject(readFileSync(file, 'utf8'));
        expect(project.dawVersion, file).toMatch(/^REAPER \d+\.\d+/);
        expect(project.tempo, file).toBeGreaterThan(0);
        expect(project.tracks[0], file).toEqual({ name: 'Master', type: 'master' });
      }
    });

    it('test_track.rpp (REAPER 6.69): tempo 64 in 4/4, 44.1 kHz, its plugins and its FLAC sample', () => {
      const project = parseReaperProject(
        readFileSync(join(CORPUS, 'exvertus__reaper-projects/projects/test_track/test_track.rpp'), 'utf8'),
      );
      expect(project).toMatchObject({
        dawVersion: 'REAPER 6.69',
        tempo: 64,
        timeSignature: '4/4',
        sampleRate: 44100,
        savedAt: '2022-10-28T21:40:13.000Z',
      });
      expect(project.renderFile).toMatch(/Royal Between\.wav$/);
      expect(project.plugins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'iZotope Trash 2', vendor: 'iZotope, Inc.', format: 'VST' }),
          expect.objectContaining({ name: 'FabFilter Pro-Q 3', vendor: 'FabFilter', format: 'VST' }),
          expect.objectContaining({ name: 'ValhallaRoom', vendor: 'Valhalla DSP, LLC', format: 'VST' }),
          expect.objectContaining({ name: 'loser/masterLimiter', format: 'JS' }),
        ]),
      );
      expect(project.samplePaths).toContain('audio\\02 - Just Between Us.flac');
    });

    it('lighterfluid.rpp: Kontakt as VST3 and as VST, each its own entry, channel notes stripped', () => {
      const project = parseReaperProject(
        readFileSync(
          join(CORPUS, 'exvertus__reaper-projects/projects/forreels/lighterfluid/lighterfluid.rpp'),
          'utf8',
        ),
      );
      const kontakt = project.plugins.filter((plugin) => plugin.name === 'Kontakt');
      expect(kontakt.map((plugin) => plugin.format).sort()).toEqual(['VST', 'VST3']);
      expect(project.tracks.some((track) => track.type === 'instrument')).toBe(true);
    });
  },
);
