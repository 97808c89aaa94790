/**
 * Live's encodings of the set's time signature and key.
 */

/**
 * Live stores a time signature as one enum value: (numerator - 1) + 99 × log2(denominator), the
 * numerator 1–99 and the denominator 1, 2, 4, 8 or 16. 4/4 is 201 (every default set), 3/4 200,
 * 6/8 302, 7/16 402. Anything outside that range is not decoded.
 */
export function liveTimeSignature(value: number): string | null {
  if (!Number.isInteger(value) || value < 0 || value >= 99 * 5) return null;
  return `${(value % 99) + 1}/${2 ** Math.floor(value / 99)}`;
}

/** Root notes as Live counts them (0 = C), written with sharps. */
const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/**
 * Live 12 stores the scale as an index into its scale list (Live 11 stored the name itself), in
 * the order of Live's Scale menu.
 */
export const LIVE_SCALES = [
  'Major',
  'Minor',
  'Dorian',
  'Mixolydian',
  'Lydian',
  'Phrygian',
  'Locrian',
  'Whole Tone',
  'Half-whole Dim.',
  'Whole-half Dim.',
  'Minor Blues',
  'Minor Pentatonic',
  'Major Pentatonic',
  'Harmonic Minor',
  'Harmonic Major',
  'Dorian #4',
  'Phrygian Dominant',
  'Melodic Minor',
  'Lydian Augmented',
  'Lydian Dominant',
  'Super Locrian',
  '8-Tone Spanish',
  'Bhairav',
  'Hungarian Minor',
  'Hirajoshi',
  'In-Sen',
  'Iwato',
  'Kumoi',
  'Pelog Selisir',
  'Pelog Tembung',
  'Messiaen 3',
  'Messiaen 4',
  'Messiaen 5',
  'Messiaen 6',
  'Messiaen 7',
];

/**
 * The set's key as "<root> <scale>": the root with sharps, the scale as Live names it ("C Major",
 * "F# Minor", "D Dorian"). `root` is the stored `RootNote`/`Root` value, `scale` the stored `Name`
 * (a name in Live 11, an index in Live 12). A scale index this table does not know gives the root
 * alone rather than a guess; a root that is not 0–11 gives no key.
 */
export function liveKey(root: string, scale: string | null): string | null {
  const note = /^\d+$/.test(root) ? NOTE_NAMES[Number(root)] : undefined;
  if (note === undefined) return null;
  const name = scale === null ? '' : /^\d+$/.test(scale) ? (LIVE_SCALES[Number(scale)] ?? '') : scale.trim();
  return name === '' ? note : `${note} ${name}`;
}
