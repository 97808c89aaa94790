import { readPlistDict, type PlistDict, type PlistValue } from './logic-plist';
import type { ProjectReading, ProjectSource } from './project-source';

/**
 * Reads a Logic Pro (`.logicx`) or GarageBand (`.band`) bundle. Both apps write the same layout:
 *   Resources/ProjectInformation.plist   `LastSavedFrom` ("Logic Pro X 10.4.4 (4981.1)", "GarageBand 10.4.3 (5433)")
 *   Alternatives/NNN/MetaData.plist      tempo, signature, key, sample rate, track count, the audio files
 *   Alternatives/NNN/ProjectData         everything else, in an undocumented binary format
 *   Media/Audio Files/…                  recordings and imported audio, when kept in the bundle
 * Only the two plists are read. `ProjectData` is not: its tracks and plug-ins cannot be decoded
 * reliably (the AU states it embeds name presets and four-character codes, not plug-ins), so
 * `tracks` and `plugins` stay empty and `trackCount` is MetaData's `NumberOfTracks`.
 *
 * Choices, from the corpus (two Logic bundles, 10.1 and 10.4; two GarageBand 10.4):
 * - The alternative read is the lowest-numbered one with a MetaData.plist (`000` in every corpus
 *   bundle). Nothing in the bundle's plists says which alternative Logic opens last; the
 *   `Project File Backups/` inside an alternative are never read.
 * - Key: all four corpus projects store `SongKey` C with `SongGenderKey` major, Logic's and
 *   GarageBand's default for a new project, which cannot be told from a song really set to
 *   C major. C major is therefore "not set" (null); any other key is `"<SongKey> <major|minor>"`.
 * - Samples: `AudioFiles` only, as stored, relative to the bundle's `Media/` (`sampleBase`).
 *   `UnusedAudioFiles` are in the project's audio bin but used by no region; sampler, Ultrabeat,
 *   Quick Sampler and impulse-response lists are instrument content, mostly factory files at
 *   absolute library paths, not the song's audio.
 * - No save time: neither plist records one.
 */
export type AppleBundleKind = 'Logic Pro' | 'GarageBand';

export interface LogicReading extends ProjectReading {
  /** Which app saved the bundle last: from `LastSavedFrom`, else from the bundle's contents. */
  kind: AppleBundleKind;
}

const PROJECT_INFORMATION = 'Resources/ProjectInformation.plist';

/**
 * Recognises a Logic or GarageBand bundle by its contents, whatever its folder is called (a copy
 * or a clone from another file system drops the `.logicx`/`.band` suffix): `Alternatives/`,
 * `Resources/` and `Resources/ProjectInformation.plist`. GarageBand bundles also hold a top-level
 * `projectData` file that Logic's do not. `list` gives the entry names of a folder inside the
 * candidate ('' = the candidate itself). When the plist can be read, `appleBundleKind` is surer.
 */
export function detectAppleBundle(list: (relativePath: string) => string[]): AppleBundleKind | null {
  const top = list('');
  if (!top.includes('Alternatives') || !top.includes('Resources')) return null;
  if (!list('Resources').includes('ProjectInformation.plist')) return null;
  return top.includes('projectData') ? 'GarageBand' : 'Logic Pro';
}

/**
 * Which app a bundle belongs to: `LastSavedFrom` in ProjectInformation.plist when it names Logic or
 * GarageBand (a GarageBand song saved by Logic is a Logic project), else the contents' answer.
 * Null when the folder is not a bundle.
 */
export function appleBundleKind(source: ProjectSource): AppleBundleKind | null {
  const byContents = detectAppleBundle((relativePath) => source.listInside(relativePath));
  if (byContents === null) return null;
  const bytes = source.readInside(PROJECT_INFORMATION);
  if (bytes === null) return byContents;
  try {
    return kindFromLastSaved(stringOf(readPlistDict(bytes)['LastSavedFrom'])) ?? byContents;
  } catch {
    return byContents;
  }
}

/** A `ProjectReader` for both apps' bundles. Throws with a reason when a plist is missing or unreadable. */
export function readLogicProject(source: ProjectSource): LogicReading {
  const information = requiredPlist(source, PROJECT_INFORMATION);
  const alternative = firstAlternative(source);
  const metadata = requiredPlist(source, `Alternatives/${alternative}/MetaData.plist`);

  const lastSaved = stringOf(information['LastSavedFrom']);
  const kind =
    kindFromLastSaved(lastSaved) ??
    detectAppleBundle((relativePath) => source.listInside(relativePath)) ??
    'Logic Pro';
  const numerator = positiveInteger(metadata['SongSignatureNumerator']);
  const denominator = positiveInteger(metadata['SongSignatureDenominator']);

  return {
    kind,
    dawVersion: lastSaved === null ? null : lastSaved.replace(/\s*\([^()]*\)\s*$/, '') || null,
    tempo: positiveNumber(metadata['BeatsPerMinute']),
    timeSignature: numerator !== null && denominator !== null ? `${numerator}/${denominator}` : null,
    key: songKey(metadata['SongKey'], metadata['SongGenderKey']),
    sampleRate: positiveInteger(metadata['SampleRate']),
    trackCount: positiveInteger(metadata['NumberOfTracks']) ?? 0,
    tracks: [],
    plugins: [],
    samplePaths: uniqueStrings(metadata['AudioFiles']),
    sampleBase: 'Media',
    savedAt: null,
  };
}

function requiredPlist(source: ProjectSource, relativePath: string): PlistDict {
  const bytes = source.readInside(relativePath);
  if (bytes === null) {
    throw new Error(`not a readable Logic Pro or GarageBand bundle: ${relativePath} is missing`);
  }
  try {
    return readPlistDict(bytes);
  } catch (error) {
    throw new Error(`${relativePath} is not readable: ${(error as Error).message}`, { cause: error });
  }
}

/** The lowest-numbered `Alternatives/NNN` that holds a MetaData.plist, as its folder name. */
function firstAlternative(source: ProjectSource): string {
  const numbered = source
    .listInside('Alternatives')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(a) - Number(b));
  const found = numbered.find((name) => source.listInside(`Alternatives/${name}`).includes('MetaData.plist'));
  if (found === undefined) {
    throw new Error('not a readable Logic Pro or GarageBand bundle: no Alternatives/NNN/MetaData.plist');
  }
  return found;
}

/** The app `LastSavedFrom` names ("Logic Pro X 10.4.4", "GarageBand 10.4.3"), or null (the scan uses it too). */
export function kindFromLastSaved(lastSaved: string | null): AppleBundleKind | null {
  if (lastSaved === null) return null;
  if (/^GarageBand\b/i.test(lastSaved)) return 'GarageBand';
  if (/^Logic\b/i.test(lastSaved)) return 'Logic Pro';
  return null;
}

/** "A minor", "F# major"; null for C major, the default every new project stores. */
function songKey(key: PlistValue | undefined, gender: PlistValue | undefined): string | null {
  const tonic = stringOf(key);
  if (tonic === null) return null;
  const mode = stringOf(gender)?.toLowerCase();
  const scale = mode === 'major' || mode === 'minor' ? mode : null;
  if (tonic === 'C' && scale !== 'minor') return null;
  return scale ? `${tonic} ${scale}` : tonic;
}

function stringOf(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function positiveNumber(value: PlistValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function positiveInteger(value: PlistValue | undefined): number | null {
  const number = positiveNumber(value);
  return number !== null && Number.isInteger(number) ? number : null;
}

function uniqueStrings(value: PlistValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  for (const item of value) if (typeof item === 'string' && item !== '') seen.add(item);
  return [...seen];
}
