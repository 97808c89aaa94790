// Inline validation with the service's own rules (src/shared/validation is pure TypeScript), so a
// hint appears as the person types and an invalid value is never sent. The messages are the same
// ones the service would answer with.
import type { SessionWrite } from '../../../shared/domain';
import {
  parseAccent,
  parseClient,
  parseKind,
  parseNotes,
  parseProjectPath,
  parseStatus,
  parseTags,
  parseTitle,
} from '../../../shared/validation';

export type EditableField = keyof SessionWrite;
export type FieldValue = SessionWrite[EditableField];

/** Text fields save after a pause in typing; the others (selects, swatches, chips) at once. */
export const DEBOUNCED_FIELDS: ReadonlySet<EditableField> = new Set([
  'title',
  'client',
  'notes',
  'projectPath',
]);

const PARSERS: { [F in EditableField]: (value: unknown) => SessionWrite[F] } = {
  title: parseTitle,
  kind: (value) => parseKind(value),
  status: (value) => parseStatus(value),
  accent: parseAccent,
  client: parseClient,
  tags: (value) => parseTags(value),
  notes: parseNotes,
  projectPath: (value) => parseProjectPath(value),
};

/** The message the service would give for this value, or null when it would accept it. */
export function fieldProblem(field: EditableField, value: unknown): string | null {
  try {
    PARSERS[field](toWire(field, value));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** What is sent for a field: an emptied project path means "no project". */
export function toWire(field: EditableField, value: unknown): unknown {
  if (field === 'projectPath' && typeof value === 'string' && value.trim() === '') return null;
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}
