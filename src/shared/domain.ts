// The Session object and its vocabularies, exactly as local-api.md §4 spells them.

export const SESSION_KINDS = [
  'Ableton',
  'Logic Pro',
  'FL Studio',
  'Reaper',
  'Cubase',
  'Nuendo',
  'Bitwig',
  'Studio One',
  'Pro Tools',
  'GarageBand',
  'DAWproject',
  'Other',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Listed in workflow order; sorting by status follows this order, not the alphabet. */
export const SESSION_STATUSES = [
  'idea',
  'draft',
  'in-progress',
  'mixing',
  'mastering',
  'done',
  'archived',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_ACCENTS = [
  'gradient',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'indigo',
  'violet',
  'pink',
  'slate',
] as const;
export type SessionAccent = (typeof SESSION_ACCENTS)[number];

export const PREVIEW_STATUSES = ['none', 'ready', 'missing', 'unreadable'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

export const DEFAULT_STATUS: SessionStatus = 'draft';
export const DEFAULT_ACCENT: SessionAccent = 'gradient';
export const DEFAULT_KIND: SessionKind = 'Other';

export const LIMITS = {
  titleMax: 200,
  /** A preview's name, in characters (code points) after trimming. */
  previewNameMax: 200,
  clientMax: 200,
  tagsMax: 32,
  tagMax: 40,
  notesMax: 100_000,
  projectPathMax: 4096,
  listLimitMax: 500,
  listLimitDefault: 50,
  /** Notes in one waveform-note lane (one session's preview). */
  waveformNotesMax: 1000,
  /** A waveform note's text, in characters (code points), as sent (not trimmed). */
  waveformNoteTextMax: 2000,
} as const;

export interface PreviewSummary {
  id: string;
  name: string;
  path: string;
  status: Exclude<PreviewStatus, 'none'>;
}

/** Field order matters: JSON output follows local-api.md §4. */
export interface Session {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  accent: SessionAccent;
  client: string;
  tags: string[];
  notes: string;
  lastOpened: string | null;
  createdAt: string;
  updatedAt: string;
  projectPath: string | null;
  projectOriginalPath: string | null;
  previewStatus: PreviewStatus;
  previewUrl: string | null;
  previewAudioUrl: string | null;
  previewAudioMime: string | null;
  preferredPreviewId: string | null;
  previews: PreviewSummary[];
}

/** A session's previews as `GET`/`PUT /sessions/{id}/preview` answer them (and the window's prefer). */
export interface PreviewInfo {
  id: string;
  previewStatus: PreviewStatus;
  preferredPreviewId: string | null;
  previewUrl: string | null;
  previewAudioUrl: string | null;
  previewAudioMime: string | null;
  previews: PreviewSummary[];
}

/** The writable fields (body of create and patch), after validation and normalisation. */
export interface SessionWrite {
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  accent: SessionAccent;
  client: string;
  tags: string[];
  notes: string;
  projectPath: string | null;
}
export const SESSION_WRITE_FIELDS = [
  'title',
  'kind',
  'status',
  'accent',
  'client',
  'tags',
  'notes',
  'projectPath',
] as const satisfies readonly (keyof SessionWrite)[];

export const SESSION_READ_ONLY_FIELDS = [
  'id',
  'lastOpened',
  'createdAt',
  'updatedAt',
  'projectOriginalPath',
  'previewStatus',
  'previewUrl',
  'previewAudioUrl',
  'previewAudioMime',
  'preferredPreviewId',
  'previews',
] as const;

export const SORT_KEYS = ['title', 'lastOpened', 'createdAt', 'updatedAt', 'status', 'kind'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A list query after validation: what the sessions service executes. */
export interface SessionListQuery {
  /** Search terms, each already known to contain a letter or digit. */
  terms: string[];
  kind: SessionKind | null;
  status: SessionStatus | null;
  /** Tag keys (normalised, lower-cased); a session must carry all of them. */
  tags: string[];
  recent: boolean;
  /**
   * Project filters (issue 12): plugin names, lower-cased (the request's `plugin`, and a smart
   * collection's own: a session must use all of them)…
   */
  plugins: string[];
  /** …a tempo range in bpm (either end may be open)… */
  tempoMin: number | null;
  tempoMax: number | null;
  /** …a key as pitch class and mode (`6:minor`, see shared/musical-key.ts)… */
  keyClass: string | null;
  /** …and projects with at least one sample missing on this disk. */
  missingSamples: boolean;
  /** `collection=<id>` as given (issue 13); the collections scope resolves it before the list runs. */
  collection: string | null;
  /** Set once resolved: the manual collection whose members the list is limited to (its `seq`). */
  collectionSeq: number | null;
  sort: SortKey;
  descending: boolean;
  /** False when `sort` was not given: the default order (a manual collection's own, see collections/README.md). */
  sortGiven: boolean;
  limit: number;
  offset: number;
}

export interface ListMeta {
  total: number;
  limit: number;
  offset: number;
}

export interface TagCount {
  tag: string;
  count: number;
}

export const API_MODES = ['disabled', 'read-only', 'full-automation'] as const;
export type ApiMode = (typeof API_MODES)[number];
export const DEFAULT_API_PORT = 18432;

/** Projects one import job takes (POST /import, the window's Add folder…). */
export const IMPORT_ITEMS_MAX = 10_000;

/** An import job's progress (the API's import status; the window's progress bar). */
export interface ImportStatus {
  importId: string;
  total: number;
  completed: number;
  failed: number;
  skipped: number;
  done: boolean;
  durationMs: number;
  cancelled: boolean;
}

export type ImportItemStatus = 'pending' | 'imported' | 'skipped' | 'failed';

export interface ImportItemResult {
  projectPath: string;
  status: ImportItemStatus;
  sessionId?: string;
  reason?: string;
}

/** A preview's peaks: `points` min/max pairs mixed to mono, each value in [-1, 1]. */
export interface Waveform {
  sessionId: string;
  variantId: string;
  durationSeconds: number;
  sampleRate: number;
  channels: number;
  points: number;
  peaks: number[];
}

export interface WaveformNote {
  id: string;
  timestamp: number;
  text: string;
  createdAt: string;
  updatedAt: string;
}

/** One lane of notes per (session, preview); `key` is `<sessionId>:<variantId>`. */
export interface WaveformNoteLane {
  sessionId: string;
  variantId: string;
  key: string;
  notes: WaveformNote[];
}

/** Issue 13: a manual collection lists the sessions put in it; a smart one is a saved filter. */
export const COLLECTION_KINDS = ['manual', 'smart'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

export const COLLECTION_LIMITS = {
  /** A collection's name, in characters (code points) after trimming. */
  nameMax: 100,
  /** Collections in one library (the sidebar lists them all). */
  collectionsMax: 1000,
  /** Session ids in one PUT or POST `/collections/{id}/sessions`. */
  sessionIdsMax: 100_000,
} as const;

/**
 * A smart collection's saved filters, spelled as `GET /sessions` takes them and stored in one
 * spelling (kind and key as the library shows them, tags trimmed, flags only when true).
 */
export interface CollectionQuery {
  q?: string;
  kind?: SessionKind;
  status?: SessionStatus;
  tags?: string[];
  recent?: true;
  plugin?: string;
  tempoMin?: number;
  tempoMax?: number;
  key?: string;
  missingSamples?: true;
}
export const COLLECTION_QUERY_PARAMS = [
  'q',
  'kind',
  'status',
  'tags',
  'recent',
  'plugin',
  'tempoMin',
  'tempoMax',
  'key',
  'missingSamples',
] as const satisfies readonly (keyof CollectionQuery)[];

/** Field order matters: JSON output follows it. */
export interface Collection {
  id: string;
  name: string;
  kind: CollectionKind;
  /** The saved filters of a smart collection; null for a manual one. */
  query: CollectionQuery | null;
  /** Manual: the sessions in it; smart: the sessions its filters match now. */
  sessionCount: number;
  /** The collection's place in the sidebar, 0 first. */
  position: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * How many deleted sessions the core keeps whole for the window's Undo (since start): as many as a
 * bulk delete of the window's largest selection, so one Undo brings a whole bulk delete back.
 */
export const UNDO_DELETES_KEPT = 5_000;
