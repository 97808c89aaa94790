import { LIMITS } from '../domain';
import { invalidInput } from '../errors';
import { FORBIDDEN_CONTROL, charLength } from './text';

/**
 * A preview's name as given (`POST …/previews`, the window's attach): 1–200 characters after
 * trimming, counted as people count them (an emoji is one), no control characters. The same rule
 * as a title, with its own field name.
 */
export function parsePreviewName(value: unknown): string {
  const rule = `name must be a string of 1-${LIMITS.previewNameMax} characters after trimming (not blank) with no control characters`;
  if (typeof value !== 'string') throw invalidInput(rule);
  const name = value.normalize('NFC').trim();
  const length = charLength(name);
  if (length < 1 || length > LIMITS.previewNameMax || FORBIDDEN_CONTROL.test(name)) throw invalidInput(rule);
  return name;
}

/** The name a preview gets from its file name when none is given: cut to the limit, never refused. */
export function previewNameFromFile(fileNameWithoutExtension: string): string {
  const name = [...fileNameWithoutExtension.normalize('NFC').replace(FORBIDDEN_CONTROL_ALL, '').trim()]
    .slice(0, LIMITS.previewNameMax)
    .join('')
    .trim();
  return name === '' ? 'Preview' : name;
}

const FORBIDDEN_CONTROL_ALL = new RegExp(FORBIDDEN_CONTROL.source, 'g');
