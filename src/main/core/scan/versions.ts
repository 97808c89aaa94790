import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SessionKind } from '../../../shared/domain';
import { PROJECT_EXTENSIONS } from '../../../shared/kinds';
import { mapWithLimit } from './limit';
import { childPath } from './paths';
import { extensionOf } from './rules';

// Producers save a song again and again under new names in the same folder: `Song.als`,
// `Song v2.als`, `Song final.als`, `Song_v3`, `Song (2)`, `Song 2024-01-03`. Importing each as its
// own session buries the song; the "Add folder…" review shows one group per song instead: the
// newest version ticked, the others listed under it (issue 12 §3). The rule, as the README states:
// same folder + same kind + same base name once version-ish suffixes are taken off.

/** One version-ish suffix at the end of a name (lower-cased, separators already made spaces). */
const VERSION_SUFFIXES: readonly RegExp[] = [
  // (2), [2024-01-03 120000]: Finder/Explorer duplicates, Live's backup stamps. No space needed.
  / ?\(\s*\d+\s*\)$/,
  / ?\[[^\][]*\]$/,
  // v2, v3.1 (the dot became a space), ver 4, version 5, v2b
  / v(?:er(?:sion)?)? ?\d+(?: \d+)*[a-z]?$/,
  // Words people add for another take, optionally numbered: "final 2", "copy 3".
  / (?:final|finished|new|old|copy|latest|wip|draft|alt|edit|mix|master|rough|demo|bounce|backup)(?: ?\d+)?$/,
  // Dates: 2024-01-03, 20240103, 2024 01 03 120000, 03 01 2024 (separators became spaces).
  / \d{4} ?\d{2} ?\d{2}(?: ?\d{2} ?\d{2}(?: ?\d{2})?)?$/,
  / \d{1,2} \d{1,2} \d{2,4}$/,
];

const KIND_BY_EXTENSION = new Set(Object.keys(PROJECT_EXTENSIONS));

/**
 * The song a project file or bundle is a version of: its name without the project extension and
 * without version-ish suffixes, lower-cased, with runs of spaces, `_`, `-` and `.` as one space.
 * A suffix is only taken off after a separator (`Songfinal` stays), never the whole name (`Final.als`
 * is a song called Final), and a bare trailing number stays: "Track 1" and "Track 2" are as often
 * two songs as two versions.
 */
export function songBaseName(name: string): string {
  const extension = extensionOf(name);
  const bare = KIND_BY_EXTENSION.has(extension) ? name.slice(0, -extension.length) : name;
  let base = bare
    .toLowerCase()
    .replace(/[\s_.-]+/g, ' ')
    .trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of VERSION_SUFFIXES) {
      const match = suffix.exec(base);
      if (match === null || match.index === 0) continue;
      base = base.slice(0, match.index).trimEnd();
      changed = true;
    }
  }
  return base;
}

export interface VersionedProject<T> {
  project: T;
  /** The newest version's path, for the others of a group; null for the newest and for a project alone. */
  versionOf: string | null;
  /** Modification time, for members of a group only (null when alone or when it cannot be read). */
  mtimeMs: number | null;
}

/** Stats in flight at once while dating the members of groups. */
const STAT_CONCURRENCY = 8;

/**
 * The projects (sorted by path) in the review's order, with their groups: a group of versions sits
 * where its first member would, newest first, the others after it newest first. Only members of
 * groups are dated (one or two `stat`s each); a project alone costs nothing.
 */
export async function groupVersions<T extends { path: string; kind: SessionKind; isBundle: boolean }>(
  projects: readonly T[],
): Promise<VersionedProject<T>[]> {
  const groupOf = new Map<T, T[]>();
  const groups = new Map<string, T[]>();
  for (const project of projects) {
    const key = `${dirname(project.path)}\u0000${project.kind}\u0000${songBaseName(basename(project.path))}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(project);
    groupOf.set(project, group);
  }
  const grouped = [...groups.values()].filter((group) => group.length > 1).flat();
  const dates = new Map(
    await mapWithLimit(
      grouped,
      STAT_CONCURRENCY,
      async (project) => [project, await savedAt(project)] as const,
    ),
  );

  const result: VersionedProject<T>[] = [];
  const emitted = new Set<T[]>();
  for (const project of projects) {
    const group = groupOf.get(project)!;
    if (group.length === 1) {
      result.push({ project, versionOf: null, mtimeMs: null });
      continue;
    }
    if (emitted.has(group)) continue;
    emitted.add(group);
    const newestFirst = [...group].sort((a, b) => compareNewestFirst(a, b, dates));
    const newest = newestFirst[0]!;
    for (const member of newestFirst) {
      result.push({
        project: member,
        versionOf: member === newest ? null : newest.path,
        mtimeMs: dates.get(member) ?? null,
      });
    }
  }
  return result;
}

/** Newest first; on equal times the shorter name (the original, not "copy"), then by path. */
function compareNewestFirst<T extends { path: string }>(a: T, b: T, dates: Map<T, number | null>): number {
  const timeA = dates.get(a) ?? Number.NEGATIVE_INFINITY;
  const timeB = dates.get(b) ?? Number.NEGATIVE_INFINITY;
  if (timeA !== timeB) return timeB - timeA;
  const nameA = basename(a.path);
  const nameB = basename(b.path);
  if (nameA.length !== nameB.length) return nameA.length - nameB.length;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * When a project was last saved: the file's mtime; for a bundle, its ProjectData's (Logic rewrites
 * `Alternatives/000/ProjectData`, GarageBand also `projectData`; the folder's own mtime only moves
 * when an entry is added or removed), else the folder's. Null when none can be read.
 */
async function savedAt(project: { path: string; isBundle: boolean }): Promise<number | null> {
  const candidates = project.isBundle
    ? [
        childPath(childPath(childPath(project.path, 'Alternatives'), '000'), 'ProjectData'),
        childPath(project.path, 'projectData'),
        project.path,
      ]
    : [project.path];
  for (const path of candidates) {
    try {
      return (await stat(path)).mtimeMs;
    } catch {
      // The next place, or unknown.
    }
  }
  return null;
}
