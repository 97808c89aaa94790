// "Save search as smart collection" (issue 13): the view's filters as a smart collection's query,
// and a name that says what it holds. Pure, so it is tested without a window.
import { COLLECTION_LIMITS, type CollectionQuery } from '../../../shared/domain';
import type { LibraryQuery } from '../stores/library-query';
import { STATUS_LABELS } from './labels';
import { tempoFilterLabel } from './project-filter-input';

/**
 * The filters of the view as a smart collection keeps them (the list's own parameters: q, kind,
 * status, tags, recent, plugin, tempo, key, missingSamples), or null when there is nothing to save:
 * every session (`{}` would be a copy of the library) or a collection's view (its filters are not
 * the library's).
 */
export function smartQueryOf(query: LibraryQuery): CollectionQuery | null {
  const { scope, project } = query;
  if (scope.type === 'collection') return null;
  const saved: CollectionQuery = {};
  const q = query.q.trim();
  if (q !== '') saved.q = q;
  if (scope.type === 'status') saved.status = scope.status;
  if (scope.type === 'kind') saved.kind = scope.kind;
  if (scope.type === 'recent') saved.recent = true;
  if (scope.type === 'missingSamples') saved.missingSamples = true;
  if (query.tags.length > 0) saved.tags = [...query.tags];
  if (project.plugin !== null) saved.plugin = project.plugin;
  if (project.tempoMin !== null) saved.tempoMin = project.tempoMin;
  if (project.tempoMax !== null) saved.tempoMax = project.tempoMax;
  if (project.key !== null) saved.key = project.key;
  return Object.keys(saved).length > 0 ? saved : null;
}

/** "“drums” · Mixing · #vocals", cut to a collection name's length. */
export function suggestedSmartName(saved: CollectionQuery): string {
  const parts: string[] = [];
  if (saved.q) parts.push(`“${saved.q}”`);
  if (saved.status) parts.push(STATUS_LABELS[saved.status]);
  if (saved.kind) parts.push(saved.kind);
  if (saved.recent) parts.push('Recently opened');
  if (saved.missingSamples) parts.push('Missing samples');
  for (const tag of saved.tags ?? []) parts.push(`#${tag}`);
  if (saved.plugin) parts.push(saved.plugin);
  const tempo = tempoFilterLabel({ tempoMin: saved.tempoMin ?? null, tempoMax: saved.tempoMax ?? null });
  if (tempo) parts.push(tempo);
  if (saved.key) parts.push(saved.key);
  const name = parts.join(' · ') || 'Smart collection';
  const chars = [...name];
  return chars.length <= COLLECTION_LIMITS.nameMax
    ? name
    : `${chars.slice(0, COLLECTION_LIMITS.nameMax - 1).join('')}…`;
}

/** `base`, or `base 2`, `base 3`… whichever no collection is called yet (names ignore case). */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}
