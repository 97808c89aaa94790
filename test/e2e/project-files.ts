// Small real project files for the window's project tests: REAPER .rpp text and a plain-XML
// Ableton set (the readers take both as the DAWs write them), plus a reader whose reads a test
// holds back to see a project while it is still `pending`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ProjectReadPool, type ProjectReadSource } from '../../src/main/core/projects/project-pool';
import type { ProjectReadOutcome } from '../../src/main/core/projects/read-project';
import {
  fileRef,
  audioClip,
  liveSet,
  mainTrack,
  scale,
  track,
  trackName,
  vst3Device,
} from '../projects/ableton-sets';

export interface ReaperTrackSpec {
  name: string;
  /** FX chain entries as REAPER labels them: `VST3i: Serum (Xfer Records)`, `VST: ReaEQ (Cockos)`. */
  fx?: string[];
  /** Item sources, as the project stores them (relative to the project folder or absolute). */
  samples?: string[];
  /** A folder track (REAPER's `ISBUS 1 1`): typed as a group. */
  folder?: boolean;
  /** Holds a MIDI item: typed as MIDI unless an instrument makes it one. */
  midi?: boolean;
}

export interface ReaperSpec {
  /** What REAPER writes after the header's 0.1 ("7.12/linux-x86_64"). */
  version?: string;
  tempo: number;
  signature?: [number, number];
  sampleRate?: number;
  tracks: ReaperTrackSpec[];
}

export function reaperProject(spec: ReaperSpec): string {
  const [num, denom] = spec.signature ?? [4, 4];
  const lines = [
    `<REAPER_PROJECT 0.1 "${spec.version ?? '7.12/linux-x86_64'}" 1700000000`,
    `  TEMPO ${spec.tempo} ${num} ${denom}`,
    ...(spec.sampleRate ? [`  SAMPLERATE ${spec.sampleRate} 0 0`] : []),
  ];
  for (const [i, track] of spec.tracks.entries()) {
    lines.push(`  <TRACK {${i}}`, `    NAME "${track.name}"`);
    if (track.folder) lines.push('    ISBUS 1 1');
    if (track.fx?.length) {
      lines.push('    <FXCHAIN');
      for (const fx of track.fx) lines.push(`      <VST "${fx}" plugin.vst3 0 "" 1`, '      >');
      lines.push('    >');
    }
    for (const sample of track.samples ?? [])
      lines.push('    <ITEM', '      <SOURCE WAVE', `        FILE "${sample}"`, '      >', '    >');
    if (track.midi) lines.push('    <ITEM', '      <SOURCE MIDI', '      >', '    >');
    lines.push('  >');
  }
  lines.push('>');
  return lines.join('\n');
}

export interface AbletonSpec {
  creator: string;
  tempo: number;
  /** Live's encoding: (numerator - 1) + 99 × log2(denominator); 201 is 4/4. */
  signature?: number;
  /** Root pitch class (0 = C) and Live 11's scale name; the key is set (InKey true). */
  key?: { root: number; scale: string };
  /** VST3 plugin names, one device each, on one MIDI track. */
  plugins?: string[];
  /** Sample paths relative to the set's folder, on one audio track. */
  samples?: string[];
  projectDir: string;
}

export function abletonSet(spec: AbletonSpec): string {
  const devices = (spec.plugins ?? []).map((name) => vst3Device(name, 1)).join('');
  const clips = (spec.samples ?? [])
    .map((relative) => audioClip(fileRef(3, relative, join(spec.projectDir, relative))))
    .join('');
  return liveSet(
    `MajorVersion="5" MinorVersion="11.0_433" Creator="${spec.creator}" Revision="0"`,
    `<Tracks>
${track('MidiTrack', trackName('Lead'), devices)}
${track('AudioTrack', trackName('Loops'), '', clips)}
</Tracks>
${mainTrack('MasterTrack', spec.tempo, spec.signature ?? 201)}
${spec.key ? scale('RootNote', spec.key.root, spec.key.scale, true) : ''}`,
  );
}

/** Writes `text` at `path`, making its folders. */
export function writeProject(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/**
 * The app's own worker pool behind a gate: while held, reads wait (their sessions stay `pending`);
 * `release` lets them through.
 */
export class GatedProjectReader implements ProjectReadSource {
  private readonly pool = new ProjectReadPool();
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  hold(): void {
    this.gate ??= new Promise<void>((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
    this.open = null;
  }

  async read(path: string): Promise<ProjectReadOutcome> {
    await this.gate;
    return this.pool.read(path);
  }

  async close(): Promise<void> {
    this.release();
    await this.pool.close();
  }
}
