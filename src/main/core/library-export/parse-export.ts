import {
  COLLECTION_LIMITS,
  LIMITS,
  PREVIEW_STATUSES,
  type CollectionQuery,
  type SessionAccent,
  type SessionKind,
  type SessionStatus,
} from '../../../shared/domain';
import { AppError, invalidInput } from '../../../shared/errors';
import { parseCollectionName, parseCollectionQuery } from '../../../shared/validation/collection-write';
import { parsePreviewName } from '../../../shared/validation/preview-name';
import { parseProjectPath } from '../../../shared/validation/project-path';
import {
  parseAccent,
  parseClient,
  parseKind,
  parseNotes,
  parseStatus,
  parseTitle,
} from '../../../shared/validation/session-write';
import { parseTags } from '../../../shared/validation/tags';
import { charLength, describeType, FORBIDDEN_CONTROL, isPlainObject } from '../../../shared/validation/text';
import { ARTWORK_FORMATS } from '../artwork/image-formats';
import { StoredImages } from '../artwork/stored-images';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedArtwork,
  type ExportedPreview,
  type ExportedSession,
  type ExportedWaveformNote,
} from './export-format';

// "Import from JSON": an export file checked in full before anything is written. Every rule of
// the app's own writes applies (titles, tags, paths, note lengths…); a message names the place
// (`sessions[12].previews[0].path: …`). Fields this version does not know are ignored (a newer
// version-1 file), and `project` is left out: what a project file says is read again from it.

/** An export's parts as checked: the exported shapes, with their codes narrowed to the known ones. */
export type ImportedNote = ExportedWaveformNote;

export type ImportedPreview = Omit<ExportedPreview, 'source' | 'waveformNotes'> & {
  source: 'user' | 'auto';
  waveformNotes: ImportedNote[];
};

export type ImportedArtwork = Omit<ExportedArtwork, 'source'> & { source: 'file' | 'found' | 'stored' };

/** `project` is left out: what a project file says is read again from it. */
export type ImportedSession = Omit<
  ExportedSession,
  'kind' | 'status' | 'accent' | 'previews' | 'project' | 'artwork'
> & {
  kind: SessionKind;
  status: SessionStatus;
  accent: SessionAccent;
  previews: ImportedPreview[];
  artwork: ImportedArtwork | null;
};

export interface ImportedCollection {
  id: string;
  name: string;
  kind: 'manual' | 'smart';
  query: CollectionQuery | null;
  position: number;
  createdAt: string;
  updatedAt: string;
  sessionIds: string[];
}

export interface ImportedDocument {
  sessions: ImportedSession[];
  /** Null when the file has no collections (an export of a library without them). */
  collections: ImportedCollection[] | null;
}

/** Previews one session may bring (far more than anyone attaches; a bound on a hostile file). */
const PREVIEWS_MAX = 1000;
const MIME_MAX = 100;

/** Ids as the app makes them (ids.ts): the prefix, then 26 lower-case base-32 characters. */
function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[0-9a-z]{26}$`);
}
const IDS = {
  session: idPattern('session'),
  preview: idPattern('preview'),
  note: idPattern('wnote'),
  collection: idPattern('collection'),
};

/** `Date#toISOString`'s form, which the library stores and compares as text. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Runs `parse`, naming `where` in the message of what it refuses. */
function at<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') {
      throw invalidInput(`${where}: ${error.message}`);
    }
    throw error;
  }
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidInput(`${what} must be an object (got ${describeType(value)})`);
  return value;
}

function array(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw invalidInput(`${field} must be an array (got ${describeType(value)})`);
  if (value.length > max)
    throw invalidInput(`${field} must hold at most ${max.toLocaleString('en-US')} items`);
  return value;
}

function id(value: unknown, field: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalidInput(`${field} must be an id like ${pattern.source.replace(/[\^$]/g, '')}`);
  }
  return value;
}

function timestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidInput(`${field} must be a UTC time like 2026-12-04T19:30:00.000Z`);
  }
  return value;
}

function optionalTimestamp(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : timestamp(value, field);
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`${field} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

function optionalNumber(value: unknown, field: string, integer: boolean): number | null {
  if (value === null || value === undefined) return null;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidInput(`${field} must be ${integer ? 'an integer' : 'a number'} >= 0, or null`);
  }
  return value;
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidInput(`${field} must be an integer >= 1`);
  }
  return value;
}

/** Reads a parsed export file; throws invalid_input naming the first thing wrong. */
export function parseExportDocument(value: unknown): ImportedDocument {
  if (!isPlainObject(value) || value.format !== EXPORT_FORMAT) {
    throw invalidInput(`this file is not a SessionDock export (it has no "format": "${EXPORT_FORMAT}")`);
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalidInput('version must be an integer >= 1');
  }
  if (version > EXPORT_VERSION) {
    throw invalidInput(
      `this export was written by a newer SessionDock (export version ${version}; this version reads up to ${EXPORT_VERSION}). Update SessionDock to import it.`,
    );
  }
  const sessions = array(value.sessions, 'sessions', Number.MAX_SAFE_INTEGER).map((session, index) =>
    at(`sessions[${index}]`, () => parseSession(session)),
  );
  const seen = new Set<string>();
  sessions.forEach((session, index) => {
    if (seen.has(session.id))
      throw invalidInput(`sessions[${index}].id: ${session.id} appears twice in the file`);
    seen.add(session.id);
  });
  const collections =
    value.collections === undefined || value.collections === null
      ? null
      : array(value.collections, 'collections', COLLECTION_LIMITS.collectionsMax).map((collection, index) =>
          at(`collections[${index}]`, () => parseCollection(collection)),
        );
  if (collections) {
    const ids = new Set<string>();
    collections.forEach((collection, index) => {
      if (ids.has(collection.id)) {
        throw invalidInput(`collections[${index}].id: ${collection.id} appears twice in the file`);
      }
      ids.add(collection.id);
    });
  }
  return { sessions, collections };
}

function parseSession(value: unknown): ImportedSession {
  const session = object(value, 'a session');
  const previews = array(session.previews ?? [], 'previews', PREVIEWS_MAX).map((preview, index) =>
    at(`previews[${index}]`, () => parsePreview(preview)),
  );
  const previewIds = new Set<string>();
  const paths = new Set<string>();
  previews.forEach((preview, index) => {
    if (previewIds.has(preview.id)) throw invalidInput(`previews[${index}].id: ${preview.id} appears twice`);
    if (paths.has(preview.path)) throw invalidInput(`previews[${index}].path: ${preview.path} appears twice`);
    previewIds.add(preview.id);
    paths.add(preview.path);
  });
  const preferred =
    session.preferredPreviewId === null || session.preferredPreviewId === undefined
      ? null
      : id(session.preferredPreviewId, 'preferredPreviewId', IDS.preview);
  if (preferred !== null && !previewIds.has(preferred)) {
    throw invalidInput(`preferredPreviewId: ${preferred} is not one of the session's previews`);
  }
  if (session.preferredByUser !== undefined && typeof session.preferredByUser !== 'boolean') {
    throw invalidInput('preferredByUser must be true or false');
  }
  return {
    id: id(session.id, 'id', IDS.session),
    title: parseTitle(session.title),
    kind: parseKind(session.kind),
    status: parseStatus(session.status),
    accent: parseAccent(session.accent),
    client: parseClient(session.client ?? ''),
    tags: parseTags(session.tags ?? []),
    notes: parseNotes(session.notes ?? ''),
    projectPath: parseProjectPath(session.projectPath ?? null),
    projectOriginalPath: parseProjectPath(session.projectOriginalPath ?? null, 'projectOriginalPath'),
    lastOpened: optionalTimestamp(session.lastOpened, 'lastOpened'),
    createdAt: timestamp(session.createdAt, 'createdAt'),
    updatedAt: timestamp(session.updatedAt, 'updatedAt'),
    preferredPreviewId: preferred,
    preferredByUser: session.preferredByUser === true,
    previews,
    artwork:
      session.artwork === undefined || session.artwork === null
        ? null
        : at('artwork', () => parseArtwork(session.artwork)),
  };
}

function parsePreview(value: unknown): ImportedPreview {
  const preview = object(value, 'a preview');
  const mime = preview.mime ?? null;
  if (
    mime !== null &&
    (typeof mime !== 'string' || charLength(mime) > MIME_MAX || FORBIDDEN_CONTROL.test(mime))
  ) {
    throw invalidInput(`mime must be a string of at most ${MIME_MAX} characters, or null`);
  }
  const path = parseProjectPath(preview.path, 'path');
  if (path === null) throw invalidInput('path is required');
  return {
    id: id(preview.id, 'id', IDS.preview),
    name: parsePreviewName(preview.name),
    path,
    status: oneOf(
      preview.status,
      'status',
      PREVIEW_STATUSES.filter((status) => status !== 'none'),
    ),
    mime,
    source: oneOf(preview.source ?? 'user', 'source', ['user', 'auto'] as const),
    addedAt: timestamp(preview.addedAt, 'addedAt'),
    size: optionalNumber(preview.size, 'size', true),
    mtimeMs: optionalNumber(preview.mtimeMs, 'mtimeMs', false),
    waveformNotes: parseLane(preview.waveformNotes ?? []),
  };
}

function parseLane(value: unknown): ImportedNote[] {
  const notes = array(value, 'waveformNotes', LIMITS.waveformNotesMax).map((note, index) =>
    at(`waveformNotes[${index}]`, () => {
      const fields = object(note, 'a waveform note');
      const { timestamp: seconds, text } = fields;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        throw invalidInput('timestamp must be a finite number of seconds >= 0');
      }
      if (
        typeof text !== 'string' ||
        text.trim() === '' ||
        charLength(text) > LIMITS.waveformNoteTextMax ||
        FORBIDDEN_CONTROL.test(text)
      ) {
        throw invalidInput(
          `text must be a string of 1-${LIMITS.waveformNoteTextMax} characters, not blank, with no control characters`,
        );
      }
      return {
        id: id(fields.id, 'id', IDS.note),
        timestamp: seconds,
        text,
        createdAt: timestamp(fields.createdAt, 'createdAt'),
        updatedAt: timestamp(fields.updatedAt, 'updatedAt'),
      };
    }),
  );
  const ids = new Set<string>();
  notes.forEach((note, index) => {
    if (ids.has(note.id)) throw invalidInput(`waveformNotes[${index}].id: ${note.id} appears twice`);
    ids.add(note.id);
  });
  return notes;
}

function parseArtwork(value: unknown): ImportedArtwork {
  const artwork = object(value, 'artwork');
  const source = oneOf(artwork.source, 'source', ['file', 'found', 'stored'] as const);
  let path: string;
  if (source === 'stored') {
    // A name inside the data folder's artwork/, never a path that could lead out of it.
    if (typeof artwork.path !== 'string' || !StoredImages.isStoredName(artwork.path)) {
      throw invalidInput('path of a stored image must be its name: <sha256>.<png|jpg|webp|gif>');
    }
    path = artwork.path;
  } else {
    const parsed = parseProjectPath(artwork.path, 'path');
    if (parsed === null) throw invalidInput('path is required');
    path = parsed;
  }
  return {
    source,
    path,
    format: oneOf(artwork.format, 'format', ARTWORK_FORMATS),
    width: positiveInteger(artwork.width, 'width'),
    height: positiveInteger(artwork.height, 'height'),
    setAt: timestamp(artwork.setAt, 'setAt'),
  };
}

function parseCollection(value: unknown): ImportedCollection {
  const collection = object(value, 'a collection');
  const kind = oneOf(collection.kind, 'kind', ['manual', 'smart'] as const);
  const query =
    kind === 'smart'
      ? parseCollectionQuery(collection.query)
      : collection.query === null || collection.query === undefined
        ? null
        : (() => {
            throw invalidInput('query is only for smart collections');
          })();
  const position = collection.position ?? 0;
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) {
    throw invalidInput('position must be an integer >= 0');
  }
  const sessionIds = array(collection.sessionIds ?? [], 'sessionIds', COLLECTION_LIMITS.sessionIdsMax).map(
    (sessionId, index) => id(sessionId, `sessionIds[${index}]`, IDS.session),
  );
  if (kind === 'smart' && sessionIds.length > 0) {
    throw invalidInput('sessionIds is only for manual collections (a smart one is its filters)');
  }
  return {
    id: id(collection.id, 'id', IDS.collection),
    name: parseCollectionName(collection.name),
    kind,
    query,
    position,
    createdAt: timestamp(collection.createdAt, 'createdAt'),
    updatedAt: timestamp(collection.updatedAt, 'updatedAt'),
    sessionIds: [...new Set(sessionIds)],
  };
}
