// Human labels for the API's vocabularies, in one place so rows, filters and selects agree.
import {
  SESSION_STATUSES,
  SORT_KEYS,
  type SessionAccent,
  type SessionStatus,
  type SortKey,
} from '../../../shared/domain';

export const STATUS_LABELS: Record<SessionStatus, string> = {
  idea: 'Idea',
  draft: 'Draft',
  'in-progress': 'In progress',
  mixing: 'Mixing',
  mastering: 'Mastering',
  done: 'Done',
  archived: 'Archived',
};

export const ACCENT_LABELS: Record<SessionAccent, string> = {
  gradient: 'Gradient',
  red: 'Red',
  orange: 'Orange',
  amber: 'Amber',
  green: 'Green',
  teal: 'Teal',
  blue: 'Blue',
  indigo: 'Indigo',
  violet: 'Violet',
  pink: 'Pink',
  slate: 'Slate',
};

const SORT_LABELS: Record<SortKey, { label: string; ascending: string; descending: string }> = {
  updatedAt: { label: 'Updated', ascending: 'oldest first', descending: 'newest first' },
  lastOpened: { label: 'Last opened', ascending: 'oldest first', descending: 'newest first' },
  createdAt: { label: 'Created', ascending: 'oldest first', descending: 'newest first' },
  title: { label: 'Title', ascending: 'A → Z', descending: 'Z → A' },
  status: { label: 'Status', ascending: 'idea → archived', descending: 'archived → idea' },
  kind: { label: 'DAW', ascending: 'A → Z', descending: 'Z → A' },
};

export interface SortOption {
  /** The API's `sort` value: the key, `-` prefixed for descending. */
  value: string;
  label: string;
}

/** Every sort key in both directions, the most useful direction of each first. */
export const SORT_OPTIONS: SortOption[] = (
  ['updatedAt', 'lastOpened', 'createdAt', 'title', 'status', 'kind'] as const
)
  .filter((key) => (SORT_KEYS as readonly string[]).includes(key))
  .flatMap((key) => {
    const { label, ascending, descending } = SORT_LABELS[key];
    const newestFirst = key === 'updatedAt' || key === 'lastOpened' || key === 'createdAt';
    const desc = { value: `-${key}`, label: `${label} — ${descending}` };
    const asc = { value: key, label: `${label} — ${ascending}` };
    return newestFirst ? [desc, asc] : [asc, desc];
  });

export const DEFAULT_SORT = '-updatedAt';
export const RECENT_SORT = '-lastOpened';

export { SESSION_STATUSES };

/** "1 project", "2,400 projects". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** The last part of a path ("Projects" for /Users/me/Music/Projects). */
export function folderName(path: string | null): string {
  if (!path) return 'folder';
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
