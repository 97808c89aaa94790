import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { SessionKind } from '../../../shared/domain';
import { appleBundleKind } from './apple-bundle';
import { problemFrom } from './fs-problems';
import { mapWithLimit } from './limit';
import { projectFolderHints } from './mixdown-hints';
import {
  audioMimeOfName,
  EXCLUDED_AUDIO_FOLDER_NAMES,
  EXPORT_FOLDER_NAMES,
  hasMixdownHint,
  MIXDOWN_MIN_BYTES,
} from './mixdown-rules';
import { childPath } from './paths';
import {
  BUNDLE_PROJECT_EXTENSIONS,
  extensionOf,
  isHiddenName,
  PLUGIN_BUNDLE_EXTENSIONS,
  stem,
} from './rules';
import type { ScanProblem } from './scan-types';

/** A detected mixdown; assignable to the previews service's `DetectedMixdown`. */
export interface Mixdown {
  path: string;
  /** The file name without its extension: the preview's default name. */
  name: string;
  size: number;
  mtimeMs: number;
  mime: string;
}

export interface FindMixdownsOptions {
  /** Smallest size taken, in bytes (default MIXDOWN_MIN_BYTES = 204,800). */
  minBytes?: number;
  /** Aborting rejects the call with the signal's reason. */
  signal?: AbortSignal;
  /** Told about each folder or file that could not be read; detection goes on without it. */
  onProblem?: (problem: ScanProblem) => void;
}

/** Stats in flight at once: enough to hide a network volume's latency, few enough to be polite. */
const STAT_CONCURRENCY = 8;

/**
 * Below an export folder, one level of subfolders is searched too (`Bounces/2024-05/…`, a DAW's
 * per-song export folder); deeper trees are archives or stems, not the current mix.
 */
const EXPORT_SUBFOLDER_DEPTH = 1;

/** Where a candidate was found; on equal mtimes an export folder's file comes first. */
const FROM_EXPORT_FOLDER = 0;
const FROM_PROJECT_FOLDER = 1;

interface Candidate {
  path: string;
  name: string;
  mime: string;
  source: number;
}

/**
 * The mixdowns of a project (product.md §2), newest first: audio files of at least 200 KB in the
 * export folders of the project's folder and of the folder above it, plus files directly in the
 * project's folder whose name contains the project's name, its folder's or its render's, or a
 * mixdown word (every such file, in an Ableton Project folder: see mixdown-hints.ts). Both sources
 * are combined (an old `Bounces/` must not hide a newer `Song final.wav` next to the project);
 * "first" in the spec is honoured as the tie-break. Reads listings and stats, and the header of a
 * REAPER project for its render name.
 *
 * The project's folder is the folder holding the project file or bundle; a project path that is a
 * plain folder (not a bundle) is taken as the project's folder itself. `kind` is part of the
 * finder contract the import service calls; no rule depends on it today (bundles are recognised
 * by extension, whatever kind the user set).
 */
export async function findMixdowns(
  projectPath: string,
  kind?: SessionKind | null,
  options: FindMixdownsOptions = {},
): Promise<Mixdown[]> {
  const { signal } = options;
  const minBytes = options.minBytes ?? MIXDOWN_MIN_BYTES;
  const report = (problem: ScanProblem): void => options.onProblem?.(problem);
  const path = resolve(projectPath);
  signal?.throwIfAborted();

  const projectFolder = await projectFolderOf(path);
  const parentFolder = dirname(projectFolder);
  const projectEntries = await listFolder(projectFolder, report);
  const parentEntries = parentFolder === projectFolder ? [] : await listFolder(parentFolder, report);
  signal?.throwIfAborted();

  const candidates: Candidate[] = [];
  for (const [folder, entries] of [
    [projectFolder, projectEntries],
    [parentFolder, parentEntries],
  ] as const) {
    for (const entry of entries) {
      if (!EXPORT_FOLDER_NAMES.has(entry.name.toLowerCase())) continue;
      const exportFolder = childPath(folder, entry.name);
      if (!(await isFolderEntry(exportFolder, entry))) continue;
      await collectExportFolder(exportFolder, EXPORT_SUBFOLDER_DEPTH, candidates, report, signal);
    }
  }

  const hints = await projectFolderHints(path, projectFolder, projectEntries);
  for (const entry of projectEntries) {
    if (isHiddenName(entry.name) || entry.isDirectory()) continue;
    const mime = audioMimeOfName(entry.name);
    const name = stem(entry.name);
    if (mime !== null && (hints.takesAllAudio || hasMixdownHint(name.toLowerCase(), hints.names))) {
      candidates.push({
        path: childPath(projectFolder, entry.name),
        name,
        mime,
        source: FROM_PROJECT_FOLDER,
      });
    }
  }
  signal?.throwIfAborted();

  const statted = await mapWithLimit(candidates, STAT_CONCURRENCY, async (candidate) => {
    try {
      return { candidate, info: await stat(candidate.path) };
    } catch (error) {
      report(problemFrom(candidate.path, error));
      return null;
    }
  });
  signal?.throwIfAborted();

  // The same file can be reached twice (an export folder seen from both levels, a symlink).
  const seen = new Set<string>();
  const found: (Mixdown & { source: number })[] = [];
  for (const result of statted) {
    if (result === null || !result.info.isFile() || result.info.size < minBytes) continue;
    const { candidate, info } = result;
    const identity = info.ino !== 0 ? `${info.dev}:${info.ino}` : candidate.path;
    if (seen.has(identity)) continue;
    seen.add(identity);
    found.push({ ...candidate, size: info.size, mtimeMs: info.mtimeMs });
  }
  found.sort(
    (a, b) =>
      b.mtimeMs - a.mtimeMs || a.source - b.source || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return found.map(({ path: filePath, name, size, mtimeMs, mime }) => ({
    path: filePath,
    name,
    size,
    mtimeMs,
    mime,
  }));
}

/**
 * The folder holding the project: its parent, unless the path is itself a plain folder (not a
 * bundle by its extension, nor by its contents: a Logic bundle that lost its `.logicx`).
 */
async function projectFolderOf(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory() && !BUNDLE_PROJECT_EXTENSIONS.has(extensionOf(basename(path)))) {
      const entries = await readdir(path, { withFileTypes: true });
      if ((await appleBundleKind(path, entries)) === null) return path;
    }
  } catch {
    // A missing or unreadable project still has a folder that may hold its mixdowns.
  }
  return dirname(path);
}

async function listFolder(folder: string, report: (problem: ScanProblem) => void): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    report(problemFrom(folder, error));
    return [];
  }
}

/** A folder, or a symbolic link to one (stat only then: the listing already knows the rest). */
async function isFolderEntry(path: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function collectExportFolder(
  folder: string,
  depth: number,
  candidates: Candidate[],
  report: (problem: ScanProblem) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  for (const entry of await listFolder(folder, report)) {
    if (isHiddenName(entry.name)) continue;
    const path = childPath(folder, entry.name);
    const mime = entry.isDirectory() ? null : audioMimeOfName(entry.name);
    if (mime !== null) {
      candidates.push({ path, name: stem(entry.name), mime, source: FROM_EXPORT_FOLDER });
    } else if (depth > 0 && isSearchableSubfolder(entry.name) && (await isFolderEntry(path, entry))) {
      await collectExportFolder(path, depth - 1, candidates, report, signal);
    }
  }
}

/** Not recordings or samples, and not a bundle (a `.logicx` inside Bounces/ is a project, not audio). */
function isSearchableSubfolder(name: string): boolean {
  if (EXCLUDED_AUDIO_FOLDER_NAMES.has(name.toLowerCase())) return false;
  const extension = extensionOf(name);
  return !BUNDLE_PROJECT_EXTENSIONS.has(extension) && !PLUGIN_BUNDLE_EXTENSIONS.has(extension);
}
