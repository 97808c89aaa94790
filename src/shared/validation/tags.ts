import { LIMITS } from '../domain';
import { invalidInput } from '../errors';
import { FORBIDDEN_CONTROL, charLength, describeType } from './text';

/** Trim and collapse inner whitespace; NFC so "é" typed two ways is one tag. */
export function normalizeTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The case-insensitive identity of a tag. */
export function tagKey(tag: string): string {
  return normalizeTag(tag).toLowerCase();
}

/**
 * Validates a tag list: strings of 1–40 characters after normalising, de-duplicated
 * case-insensitively (first spelling wins, order kept), at most 32 distinct tags.
 */
export function parseTags(value: unknown, field = 'tags'): string[] {
  if (!Array.isArray(value)) {
    throw invalidInput(`${field} must be an array of strings (got ${describeType(value)})`);
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string') {
      throw invalidInput(`${field}[${index}] must be a string (got ${describeType(item)})`);
    }
    const tag = normalizeTag(item);
    const length = charLength(tag);
    if (FORBIDDEN_CONTROL.test(tag))
      throw invalidInput(`${field}[${index}] must not contain control characters`);
    if (length < 1 || length > LIMITS.tagMax) {
      throw invalidInput(`${field}[${index}] must be 1-${LIMITS.tagMax} characters after trimming`);
    }
    const key = tag.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      tags.push(tag);
    }
  });
  if (tags.length > LIMITS.tagsMax) {
    throw invalidInput(`${field} must hold at most ${LIMITS.tagsMax} distinct tags (got ${tags.length})`);
  }
  return tags;
}
