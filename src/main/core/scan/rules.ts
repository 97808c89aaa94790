import type { SessionKind } from '../../../shared/domain';
import { PROJECT_EXTENSIONS } from '../../../shared/kinds';

// What the walk does with each directory entry, per product.md §2. The kind table itself lives in
// src/shared/kinds.ts; this file only adds what the scanner needs on top of it (which kinds are
// folders, which folders to leave alone). Names are compared lower-cased: macOS and Windows volumes
// are case-insensitive, so `backup/` and `Backup/` are the same folder to the DAW that wrote it.

/** Built once from the shared table so the per-entry lookup is a Map hit, not a property walk. */
const KIND_BY_EXTENSION: ReadonlyMap<string, SessionKind> = new Map(Object.entries(PROJECT_EXTENSIONS));

/** Kinds saved as folders (macOS packages): the folder is the project and is never entered. */
export const BUNDLE_PROJECT_EXTENSIONS: ReadonlySet<string> = new Set(['.logicx', '.band']);

/** Plugin and application bundles: folders of binaries and presets that may look like projects. */
export const PLUGIN_BUNDLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.vst3',
  '.component',
  '.vst',
  '.aaxplugin',
  '.app',
]);

/**
 * Folders where DAWs keep old versions of a project (Ableton `Backup/`, Studio One `History/`,
 * Pro Tools `Session File Backups/`). Importing them would add one session per autosave, so the
 * walk never enters them. Applied wherever they appear, whatever the DAW: the scanner cannot know
 * which DAW owns a folder before reading it, and a folder of that name holds no current projects.
 */
export const SKIPPED_FOLDER_NAMES: ReadonlySet<string> = new Set([
  'backup',
  'history',
  'session file backups',
]);

const SKIPPED_NAME_LENGTHS = [...SKIPPED_FOLDER_NAMES].map((name) => name.length);
const SKIPPED_NAME_MIN = Math.min(...SKIPPED_NAME_LENGTHS);
const SKIPPED_NAME_MAX = Math.max(...SKIPPED_NAME_LENGTHS);

const DOT = 46; // '.'

/** Hidden on macOS and Linux (`.git`, `.DS_Store`, AppleDouble `._x.als`): never projects. */
export function isHiddenName(name: string): boolean {
  return name.charCodeAt(0) === DOT;
}

/**
 * The lower-cased extension of a file or folder name ('' when none). Same rule as the shared
 * `pathExtension` (a leading dot alone is not an extension) but for a bare name, without the
 * regular expression that one needs for whole paths: this runs once per directory entry.
 */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The name without its extension (the default session title and the mixdown name hint). */
export function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The kind of a project stored as a file, or null. Bundle extensions only count as folders. */
export function projectKindOfFile(name: string): SessionKind | null {
  if (isHiddenName(name)) return null;
  const extension = extensionOf(name);
  if (extension === '' || BUNDLE_PROJECT_EXTENSIONS.has(extension)) return null;
  return KIND_BY_EXTENSION.get(extension) ?? null;
}

/** What the walk does with a folder: it is a project (bundle), it is entered, or it is left alone. */
export type FolderVerdict = SessionKind | 'descend' | 'skip';

export function classifyFolder(name: string): FolderVerdict {
  if (isHiddenName(name)) return 'skip';
  const extension = extensionOf(name);
  if (extension !== '') {
    if (BUNDLE_PROJECT_EXTENSIONS.has(extension)) return KIND_BY_EXTENSION.get(extension) ?? 'skip';
    if (PLUGIN_BUNDLE_EXTENSIONS.has(extension)) return 'skip';
  }
  // Only names of a matching length can be skipped ones: spares a toLowerCase for most folders.
  if (
    name.length >= SKIPPED_NAME_MIN &&
    name.length <= SKIPPED_NAME_MAX &&
    SKIPPED_FOLDER_NAMES.has(name.toLowerCase())
  ) {
    return 'skip';
  }
  return 'descend';
}
