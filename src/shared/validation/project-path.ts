// One spelling per path, so a project is the same project however a script or the window wrote
// its path: for import duplicates, create/patch, the scan's "in library" mark and preview paths.
//
// Folded: trailing and doubled separators (the root keeps its own), `.` segments, a Windows
// path's `/` (to `\`) and its drive letter (to upper case). None of these can change which file a
// path names. Refused: `..` segments: resolving them without the disk can name another file when
// a folder on the way is a symbolic link, and asking the disk is not possible for a project that
// is missing. Kept as written: letter case and Unicode form. Whether `Song.als` and `song.als`
// are one file depends on the volume (a Mac can have case-sensitive volumes, Linux usually is),
// not on the path, and a path may be stored while its volume is not mounted.
//
// The style comes from the path itself, not from the OS it runs on: `/…` is POSIX (only `/`
// separates; `\` is part of a name), `X:\…` and `\\server\…` are Windows (`\` and `/` separate).

import { LIMITS } from '../domain';
import { invalidInput } from '../errors';

const DRIVE = /^([A-Za-z]):[\\/]/;
const UNC = /^\\\\[^\\/]/;
const WINDOWS_SEPARATORS = /[\\/]/;

/** The canonical spelling of an absolute path; null when it is not absolute or has a `..` segment. */
export function canonicalPath(path: string): string | null {
  const result = canonicalize(path);
  return result === NOT_ABSOLUTE || result === HAS_DOT_DOT ? null : result;
}

const NOT_ABSOLUTE = Symbol('not absolute');
const HAS_DOT_DOT = Symbol('has ..');

function canonicalize(path: string): string | typeof NOT_ABSOLUTE | typeof HAS_DOT_DOT {
  if (path.startsWith('/')) return joinSegments('/', '/', path.split('/'));
  const drive = DRIVE.exec(path);
  if (drive) {
    return joinSegments(`${drive[1]!.toUpperCase()}:\\`, '\\', path.slice(3).split(WINDOWS_SEPARATORS));
  }
  if (UNC.test(path)) {
    // The first segment is the server (or `.`/`?` for device paths): kept verbatim.
    const [server, ...rest] = path.slice(2).split(WINDOWS_SEPARATORS);
    return joinSegments(`\\\\${server}`, '\\', rest, true);
  }
  return NOT_ABSOLUTE;
}

function joinSegments(
  prefix: string,
  separator: string,
  segments: string[],
  separatorAfterPrefix = false,
): string | typeof HAS_DOT_DOT {
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return HAS_DOT_DOT;
    kept.push(segment);
  }
  if (kept.length === 0) return prefix;
  return prefix + (separatorAfterPrefix ? separator : '') + kept.join(separator);
}

/** An absolute POSIX or Windows path in its canonical spelling, or `null` for "no project". */
export function parseProjectPath(value: unknown, field = 'projectPath'): string | null {
  if (value === null) return null;
  const rule = `${field} must be an absolute path (at most ${LIMITS.projectPathMax} characters) or null`;
  if (typeof value !== 'string') throw invalidInput(rule);
  const path = canonicalize(value.trim());
  if (path === HAS_DOT_DOT) throw invalidInput(`${field} must not contain '..' segments`);
  if (path === NOT_ABSOLUTE || path.length > LIMITS.projectPathMax || path.includes('\u0000')) {
    throw invalidInput(rule);
  }
  return path;
}
