import { AUDIO_MIME_BY_EXTENSION } from '../../../shared/audio';
import { extensionOf } from './rules';

// Mixdown detection rules from product.md §2. Names are compared lower-cased.

/**
 * The smallest file taken for a mixdown: 200 KB read as 200 × 1024 = 204,800 bytes (inclusive).
 * Below that a "mix" is a click, a one-shot or an empty render, not something to audition.
 */
export const MIXDOWN_MIN_BYTES = 200 * 1024;

/** Folders DAWs and people export into. Searched in the project's folder and the one above it. */
export const EXPORT_FOLDER_NAMES: ReadonlySet<string> = new Set([
  'bounces',
  'bounce',
  'exports',
  'export',
  'mixdown',
  'mixdowns',
  'renders',
  'render',
  'masters',
]);

/** Folders of recorded takes, samples and DAW scratch audio: never mixdowns, at any depth. */
export const EXCLUDED_AUDIO_FOLDER_NAMES: ReadonlySet<string> = new Set([
  'samples',
  'recorded',
  'processed',
  'audio files',
  'backup',
  'media',
  'freeze',
  'ableton project info',
]);

/** Words that mark a file directly in the project's folder as a mixdown (besides the project's name). */
export const MIXDOWN_NAME_HINTS: readonly string[] = ['mix', 'master', 'final', 'bounce', 'print'];

/** The audio types SessionDock plays are the ones it detects: one table, in src/shared/audio.ts. */
const MIME_BY_EXTENSION: ReadonlyMap<string, string> = new Map(Object.entries(AUDIO_MIME_BY_EXTENSION));

/** The MIME type of an audio file name, or null when it is not a playable audio file. */
export function audioMimeOfName(name: string): string | null {
  return MIME_BY_EXTENSION.get(extensionOf(name)) ?? null;
}

/**
 * `lowerStem` is the file name without extension, lower-cased; `names` the lower-cased names the
 * project goes by (its own, its folder's, its render's: see mixdown-hints.ts), none empty.
 */
export function hasMixdownHint(lowerStem: string, names: readonly string[]): boolean {
  if (names.some((name) => lowerStem.includes(name))) return true;
  return MIXDOWN_NAME_HINTS.some((hint) => lowerStem.includes(hint));
}
