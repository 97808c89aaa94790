// What the list shows: a scope from the sidebar, tags, search text and sort — and how that becomes
// a `listSessions` query (the same parameters as the API's GET /sessions).
import type { SessionKind, SessionStatus } from '../../../shared/domain';
import type { ListQueryInput } from '../../../shared/ipc';
import { DEFAULT_SORT } from '../lib/labels';

export type Scope =
  | { type: 'all' }
  | { type: 'recent' }
  | { type: 'status'; status: SessionStatus }
  | { type: 'kind'; kind: SessionKind };

export interface LibraryQuery {
  q: string;
  scope: Scope;
  /** Display spellings; the service matches them case-insensitively, all required. */
  tags: string[];
  sort: string;
}

export const DEFAULT_QUERY: LibraryQuery = { q: '', scope: { type: 'all' }, tags: [], sort: DEFAULT_SORT };

export function toListQuery(query: LibraryQuery, limit: number, offset: number): ListQueryInput {
  const input: ListQueryInput = { sort: query.sort, limit, offset };
  const q = query.q.trim();
  if (q !== '') input.q = q;
  if (query.tags.length > 0) input.tags = query.tags;
  if (query.scope.type === 'recent') input.recent = true;
  if (query.scope.type === 'status') input.status = query.scope.status;
  if (query.scope.type === 'kind') input.kind = query.scope.kind;
  return input;
}

export function sameScope(a: Scope, b: Scope): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'status' && b.type === 'status') return a.status === b.status;
  if (a.type === 'kind' && b.type === 'kind') return a.kind === b.kind;
  return true;
}

/** Whether anything narrows the list (so an empty result means "no match", not "empty library"). */
export function isFiltered(query: LibraryQuery): boolean {
  return query.q.trim() !== '' || query.tags.length > 0 || query.scope.type !== 'all';
}
