/**
 * One `<FileRef>` as a set stores it, in either of Live's two shapes:
 *  - Live 10.1 and later: `RelativePathType`, `RelativePath Value="Samples/x.wav"`, `Path Value=abs`.
 *  - Live 8 to 10.0: `HasRelativePath`, `RelativePathType`, `<RelativePath>` holding one
 *    `<RelativePathElement Dir=…/>` per folder (`Dir=""` is the parent folder), the file `Name`, the
 *    absolute path as hex `Data` (UTF-16 text on Windows, an opaque alias on the Mac) and a
 *    `SearchHint` whose `PathHint` lists the absolute folder's elements.
 */
export interface FileRefFields {
  relativePathType: number | null;
  hasRelativePath: boolean | null;
  /** `RelativePath Value` (new shape). */
  relativePath: string | null;
  /** `RelativePathElement Dir`s (old shape). */
  relativeElements: string[] | null;
  /** `Path Value` (new shape). */
  path: string | null;
  /** `Name Value` (old shape). */
  name: string | null;
  /** `Data` text, hex (old shape). */
  data: string;
  /** `SearchHint > PathHint > RelativePathElement Dir`s (old shape). */
  pathHint: string[] | null;
}

export function emptyFileRef(): FileRefFields {
  return {
    relativePathType: null,
    hasRelativePath: null,
    relativePath: null,
    relativeElements: null,
    path: null,
    name: null,
    data: '',
    pathHint: null,
  };
}

/** `RelativePathType` values: relative to the set's own folder, and to its Live Project folder. */
const RELATIVE_TO_SET = 1;
const RELATIVE_TO_PROJECT = 3;

/**
 * The path to report for a referenced file, the way the shared resolver finds it: the relative path
 * when it is kept against the project (type 3) or against the set's folder without climbing out of
 * it (type 1, `Samples/…`); otherwise the absolute path (library, Core Library, files elsewhere on
 * the disk: type 1 `../../Splice/…`, 2, 5, 6). Falls back to whichever one the file has.
 */
export function storedFilePath(ref: FileRefFields): string | null {
  const relative = relativePathOf(ref);
  const absolute = absolutePathOf(ref);
  const type = ref.relativePathType;
  const insideProject =
    relative !== null &&
    (type === RELATIVE_TO_PROJECT ||
      ((type === RELATIVE_TO_SET || type === null) && !relative.split(/[\\/]/).includes('..')));
  if (insideProject) return relative;
  return absolute ?? relative;
}

function relativePathOf(ref: FileRefFields): string | null {
  if (ref.relativePath !== null) return ref.relativePath.trim() === '' ? null : ref.relativePath;
  if (ref.relativeElements === null || ref.hasRelativePath === false || !ref.name) return null;
  return [...ref.relativeElements.map((dir) => (dir === '' ? '..' : dir)), ref.name].join('/');
}

function absolutePathOf(ref: FileRefFields): string | null {
  if (ref.path !== null && ref.path.trim() !== '') return ref.path;
  if (!ref.name) return null;
  const fromData = windowsPathFromData(ref.data);
  if (fromData !== null) return fromData;
  const hint = ref.pathHint?.filter((dir) => dir !== '');
  if (!hint?.length) return null;
  // A Windows hint starts with the drive ("C:"); a Mac one with the first folder under "/".
  return /^[A-Za-z]:$/.test(hint[0]!) ? [...hint, ref.name].join('\\') : `/${[...hint, ref.name].join('/')}`;
}

/** Old Windows sets keep the absolute path in `Data` as hex UTF-16LE text; Mac aliases are opaque. */
function windowsPathFromData(data: string): string | null {
  const hex = data.replace(/\s+/g, '');
  if (hex.length < 8 || hex.length % 4 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  const text = Buffer.from(hex, 'hex').toString('utf16le').replace(/\0+$/, '');
  return /^([A-Za-z]:\\|\\\\)[^\0]+$/.test(text) ? text : null;
}

/** Audio a set can play; anything else behind a `SampleRef` (a video) is not a sample. */
const AUDIO_EXTENSIONS = new Set([
  'wav',
  'wave',
  'bwf',
  'aif',
  'aiff',
  'aifc',
  'mp3',
  'flac',
  'ogg',
  'oga',
  'opus',
  'm4a',
  'aac',
  'caf',
  'w64',
  'rf64',
]);

export function isAudioPath(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && AUDIO_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
