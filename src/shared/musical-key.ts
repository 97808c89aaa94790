/**
 * Musical keys as SessionDock shows and filters them. Readers return what the file says ("F#m",
 * "Gb Minor", "a minor"); the library shows one spelling ("F# minor") and filters by pitch class
 * and mode, so `key=Gb minor` finds a project saved as "F# minor".
 */
const ROOTS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const MODES: Record<string, string> = {
  '': 'major',
  maj: 'major',
  major: 'major',
  ionian: 'major',
  m: 'minor',
  min: 'minor',
  minor: 'minor',
  aeolian: 'minor',
  dorian: 'dorian',
  phrygian: 'phrygian',
  lydian: 'lydian',
  mixolydian: 'mixolydian',
  locrian: 'locrian',
  'harmonic minor': 'harmonic minor',
  'melodic minor': 'melodic minor',
};

export interface MusicalKey {
  /** Pitch class of the root, 0 = C. */
  pitchClass: number;
  mode: string;
}

/** Parses "C", "c#m", "Bb minor", "F♯ Dorian", "A-Minor", "A Minor Pentatonic"; null when it is not a key. */
export function parseKey(text: string): MusicalKey | null {
  const match = /^\s*([A-Ga-g])([#♯b♭]?)(\s*[-_ ]\s*|)(.*?)\s*$/u.exec(text);
  if (!match) return null;
  const accidental = match[2] === '#' || match[2] === '♯' ? 1 : match[2] === 'b' || match[2] === '♭' ? -1 : 0;
  // "m" alone is minor; known names are spelled one way; any other scale name (Live has 35) is kept
  // lower-cased, but only after a separator, so "Blues" is not B + "lues".
  const modeText = match[4] === 'm' ? 'm' : match[4]!.toLowerCase().replace(/[-_\s]+/g, ' ');
  const mode =
    MODES[modeText] ??
    (match[3] !== '' && /^[\p{L}][\p{L}\p{N} .]{0,39}$/u.test(modeText) ? modeText : undefined);
  if (mode === undefined) return null;
  return { pitchClass: (ROOTS[match[1]!.toLowerCase()]! + accidental + 12) % 12, mode };
}

/** The spelling the library shows: sharps, then the mode in lower case ("F# minor"). */
export function formatKey(key: MusicalKey): string {
  return `${SHARP_NAMES[key.pitchClass]} ${key.mode}`;
}

/** What the `key` filter compares: enharmonic spellings agree ("6:minor"). */
export function keyClass(key: MusicalKey): string {
  return `${key.pitchClass}:${key.mode}`;
}
