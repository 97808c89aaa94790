import { DEFAULT_KIND, SESSION_KINDS, type SessionKind } from './domain';

/** Project file (or bundle folder) extensions, lower-case, per product.md §2. */
export const PROJECT_EXTENSIONS: Readonly<Record<string, SessionKind>> = {
  '.als': 'Ableton',
  '.logicx': 'Logic Pro',
  '.flp': 'FL Studio',
  '.rpp': 'Reaper',
  '.cpr': 'Cubase',
  '.npr': 'Nuendo',
  '.bwproject': 'Bitwig',
  '.song': 'Studio One',
  '.ptx': 'Pro Tools',
  '.ptf': 'Pro Tools',
  // Pro Tools 5–6 sessions (issue 12 §3): still met on old drives.
  '.pts': 'Pro Tools',
  '.band': 'GarageBand',
  '.dawproject': 'DAWproject',
};

/** The extension of the last path segment, lower-cased ('' when none). Works for / and \ paths. */
export function pathExtension(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const base = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function inferKindFromPath(path: string | null | undefined): SessionKind | null {
  if (!path) return null;
  return PROJECT_EXTENSIONS[pathExtension(path)] ?? null;
}

const KIND_BY_LOWER = new Map(SESSION_KINDS.map((kind) => [kind.toLowerCase(), kind]));

/** Case-insensitive match to the canonical spelling, or null. */
export function canonicalKind(value: string): SessionKind | null {
  return KIND_BY_LOWER.get(value.trim().toLowerCase()) ?? null;
}

export { DEFAULT_KIND };
