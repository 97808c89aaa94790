// The shared validation rules as JSON Schema keywords, for the Local API's route schemas
// (/openapi.json). Each fragment is built from the same constants the validators use; what JSON
// Schema cannot say (NFC normalisation before counting, `..` segments, a path's length in its one
// spelling) is said in the description. Patterns are ECMA-262 and count code points (`u` flag).

import { LIMITS } from '../domain';
import { FORBIDDEN_CONTROL } from './text';

/** The control characters no text field may hold, as the inside of a character class. */
const CONTROL = FORBIDDEN_CONTROL.source.slice(1, -1).replace(/^\[|\]$/g, '');

/** Any code point but a forbidden control character. */
const TEXT_CHAR = `[^${CONTROL}]`;
/** A code point that is neither whitespace nor a forbidden control character. */
const SOLID_CHAR = `[^\\s${CONTROL}]`;

/** Text with no control characters (tab, newline and carriage return allowed). */
export const NO_CONTROL_PATTERN = `^${TEXT_CHAR}*$`;

/**
 * Text of `min`–`max` characters after trimming (whitespace around it is dropped, so it is not
 * counted), with no control characters. `min` is 0 or 1.
 */
export function trimmedTextPattern(max: number, min: 0 | 1 = 1): string {
  const body = `${SOLID_CHAR}(?:${TEXT_CHAR}{0,${max - 2}}${SOLID_CHAR})?`;
  return min === 0 ? `^\\s*(?:${body})?\\s*$` : `^\\s*${body}\\s*$`;
}

/** Text holding at least one non-whitespace character and no control characters (not trimmed). */
export const NOT_BLANK_PATTERN = `^${TEXT_CHAR}*${SOLID_CHAR}${TEXT_CHAR}*$`;

export const TRIMMED_TEXT_NOTE =
  'Counted in characters (code points) after trimming and Unicode NFC normalisation; no control characters (tab, newline and carriage return allowed).';

/** One of `values`, case-insensitively, with whitespace around it allowed (as canonicalKind reads it). */
export function caseInsensitivePattern(values: readonly string[]): string {
  const spell = (value: string): string =>
    [...value]
      .map((char) => {
        const lower = char.toLowerCase();
        const upper = char.toUpperCase();
        if (lower !== upper) return `[${upper}${lower}]`;
        return /[A-Za-z0-9]/.test(char) ? char : `\\${char === ' ' ? 'x20' : char}`;
      })
      .join('');
  return `^\\s*(?:${values.map(spell).join('|')})\\s*$`;
}

/** After a root: no `..` segment follows (`sep` is the separator class; the path is trimmed). */
const noDotDot = (sep: string): string => `(?!(?:[\\s\\S]*${sep})?\\.\\.(?:${sep}|\\s*$))`;

/**
 * An absolute path: POSIX (`/…`, only `/` separates), a Windows drive (`C:\…` or `C:/…`) or UNC
 * (`\\server\…`), where `\` and `/` separate; with whitespace around it allowed (trimmed), no `..`
 * segment and no NUL. Its length in its one spelling is in ABSOLUTE_PATH_NOTE.
 */
export const ABSOLUTE_PATH_PATTERN =
  '^\\s*(?:' +
  `/${noDotDot('/')}` +
  `|[A-Za-z]:[\\\\/]${noDotDot('[\\\\/]')}` +
  // The server name is kept verbatim (it may be `..`); only the segments after it count.
  `|\\\\\\\\[^\\\\/]+(?![\\s\\S]*?[\\\\/]\\.\\.(?:[\\\\/]|\\s*$))` +
  ')[^\\u0000]*$';

export const ABSOLUTE_PATH_NOTE =
  `An absolute path: POSIX (/…), Windows (C:\\… or C:/…) or UNC (\\\\server\\…). ` +
  `No '..' segments. At most ${LIMITS.projectPathMax} characters in its one spelling ` +
  '(trailing and doubled separators and . segments dropped; on Windows / becomes \\ and the drive letter upper case).';
