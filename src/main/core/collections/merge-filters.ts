import type { SessionListQuery } from '../../../shared/domain';

/**
 * A smart collection's saved filters under a request's own: every filter of both must hold, so the
 * request only narrows the collection. Null when they cannot both hold (two different kinds,
 * statuses or keys, or tempo ranges that do not meet): nothing matches, and nothing is asked of
 * SQLite. Paging and order are the request's; with no `sort`, a saved `recent` orders by last
 * opened, as `recent=true` does.
 */
export function mergeFilters(saved: SessionListQuery, request: SessionListQuery): SessionListQuery | null {
  const kind = same(saved.kind, request.kind);
  const status = same(saved.status, request.status);
  const keyClass = same(saved.keyClass, request.keyClass);
  if (kind === CONFLICT || status === CONFLICT || keyClass === CONFLICT) return null;
  const tempoMin = bound(saved.tempoMin, request.tempoMin, Math.max);
  const tempoMax = bound(saved.tempoMax, request.tempoMax, Math.min);
  if (tempoMin !== null && tempoMax !== null && tempoMin > tempoMax) return null;
  const recent = saved.recent || request.recent;
  const defaultOrder = !request.sortGiven && recent && !request.recent;
  return {
    ...request,
    terms: union(saved.terms, request.terms),
    kind,
    status,
    tags: union(saved.tags, request.tags),
    recent,
    plugins: union(saved.plugins, request.plugins),
    tempoMin,
    tempoMax,
    keyClass,
    missingSamples: saved.missingSamples || request.missingSamples,
    ...(defaultOrder && { sort: 'lastOpened', descending: true }),
  };
}

const CONFLICT = Symbol('conflict');

/** The one value both allow (null allows any), or CONFLICT. */
function same<T>(a: T | null, b: T | null): T | null | typeof CONFLICT {
  if (a === null) return b;
  if (b === null || a === b) return a;
  return CONFLICT;
}

function bound(a: number | null, b: number | null, pick: (a: number, b: number) => number): number | null {
  return a === null ? b : b === null ? a : pick(a, b);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
