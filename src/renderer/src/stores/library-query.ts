// What the list shows: a scope from the sidebar, tags, search text, the project filters and sort —
// and how that becomes a `listSessions` query (the same parameters as the API's GET /sessions).
import type { SessionKind, SessionStatus } from '../../../shared/domain';
import type { ListQueryInput } from '../../../shared/ipc';
import { DEFAULT_SORT } from '../lib/labels';

export type Scope =
  | { type: 'all' }
  | { type: 'recent' }
  | { type: 'missingSamples' }
  | { type: 'status'; status: SessionStatus }
  | { type: 'kind'; kind: SessionKind }
  /** A collection from the sidebar (issue 13): its sessions, further narrowed by search and filters. */
  | { type: 'collection'; id: string };

/**
 * The sort that sends no `sort` at all: a manual collection's own order (the order its sessions
 * were put in, or dragged into). Only offered while a manual collection is shown.
 */
export const OWN_ORDER_SORT = '';

/** What the project file says (issue 12): each narrows the list, all at once. */
export interface ProjectFilters {
  /** A plugin name; main matches it case-insensitively, in any format (Serum as VST and VST3). */
  plugin: string | null;
  /** Tempo bounds in bpm, inclusive; either may be open. Validated before they get here. */
  tempoMin: number | null;
  tempoMax: number | null;
  /** A key as typed ("F# minor", "Bbm"); main matches enharmonic spellings. */
  key: string | null;
}

export const NO_PROJECT_FILTERS: ProjectFilters = { plugin: null, tempoMin: null, tempoMax: null, key: null };

export interface LibraryQuery {
  q: string;
  scope: Scope;
  /** Display spellings; the service matches them case-insensitively, all required. */
  tags: string[];
  project: ProjectFilters;
  sort: string;
}

export const DEFAULT_QUERY: LibraryQuery = {
  q: '',
  scope: { type: 'all' },
  tags: [],
  project: NO_PROJECT_FILTERS,
  sort: DEFAULT_SORT,
};

export function toListQuery(query: LibraryQuery, limit: number, offset: number): ListQueryInput {
  const input: ListQueryInput = { limit, offset };
  if (query.sort !== OWN_ORDER_SORT) input.sort = query.sort;
  const q = query.q.trim();
  if (q !== '') input.q = q;
  if (query.tags.length > 0) input.tags = query.tags;
  if (query.scope.type === 'recent') input.recent = true;
  if (query.scope.type === 'missingSamples') input.missingSamples = true;
  if (query.scope.type === 'status') input.status = query.scope.status;
  if (query.scope.type === 'kind') input.kind = query.scope.kind;
  if (query.scope.type === 'collection') input.collection = query.scope.id;
  const { plugin, tempoMin, tempoMax, key } = query.project;
  if (plugin !== null) input.plugin = plugin;
  if (tempoMin !== null) input.tempoMin = tempoMin;
  if (tempoMax !== null) input.tempoMax = tempoMax;
  if (key !== null) input.key = key;
  return input;
}

export function sameScope(a: Scope, b: Scope): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'status' && b.type === 'status') return a.status === b.status;
  if (a.type === 'kind' && b.type === 'kind') return a.kind === b.kind;
  if (a.type === 'collection' && b.type === 'collection') return a.id === b.id;
  return true;
}

export function hasProjectFilters(filters: ProjectFilters): boolean {
  return (
    filters.plugin !== null || filters.tempoMin !== null || filters.tempoMax !== null || filters.key !== null
  );
}

export function sameProjectFilters(a: ProjectFilters, b: ProjectFilters): boolean {
  return a.plugin === b.plugin && a.tempoMin === b.tempoMin && a.tempoMax === b.tempoMax && a.key === b.key;
}

/** Search, tags or project filters: what narrows a view beyond its sidebar scope. */
export function hasRefinements(query: LibraryQuery): boolean {
  return query.q.trim() !== '' || query.tags.length > 0 || hasProjectFilters(query.project);
}

/** The collection shown, or null. */
export function shownCollectionId(query: LibraryQuery): string | null {
  return query.scope.type === 'collection' ? query.scope.id : null;
}

/** Whether anything narrows the list (so an empty result means "no match", not "empty library"). */
export function isFiltered(query: LibraryQuery): boolean {
  return (
    query.q.trim() !== '' ||
    query.tags.length > 0 ||
    query.scope.type !== 'all' ||
    hasProjectFilters(query.project)
  );
}
