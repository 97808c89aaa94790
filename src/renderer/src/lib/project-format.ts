// How the window writes what a project file says: tempo, sample rate, track types, file names.
import type { PluginFormat, TrackType } from '../../../shared/project-metadata';

/** "69.42 bpm", "120 bpm": at most two decimals, none when the tempo is whole. */
export function formatTempo(bpm: number): string {
  return `${formatBpm(bpm)} bpm`;
}

/** The number alone ("69.42", "120"), for the list's Tempo column and filter chips. */
export function formatBpm(bpm: number): string {
  return String(Math.round(bpm * 100) / 100);
}

/** "44.1 kHz", "48 kHz", "22.05 kHz". */
export function formatSampleRate(hz: number): string {
  return `${Math.round(hz / 10) / 100} kHz`;
}

export const TRACK_TYPE_LABELS: Record<TrackType, string> = {
  audio: 'Audio',
  midi: 'MIDI',
  instrument: 'Instrument',
  group: 'Group',
  return: 'Return',
  master: 'Master',
  other: 'Other',
};

export const PLUGIN_FORMAT_LABELS: Record<PluginFormat, string> = {
  VST: 'VST',
  VST3: 'VST3',
  AU: 'AU',
  CLAP: 'CLAP',
  AAX: 'AAX',
  JS: 'JS',
  'built-in': 'Built-in',
};

/** The last part of a path as the project stored it, with either separator ("kick.wav"). */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/**
 * The version part of a DAW version ("11.3.4" of "Ableton Live 11.3.4", "5.1 Beta 2" of
 * "Bitwig Studio 5.1 Beta 2"), for beside the DAW's badge; the whole text when it has no number.
 */
export function versionNumberOf(dawVersion: string): string {
  const match = /(?:^|\s)(\d.*)$/.exec(dawVersion);
  return match ? match[1]! : dawVersion;
}
