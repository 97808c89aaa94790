import type { Dirent } from 'node:fs';
import { basename } from 'node:path';
import { readReaperRenderName } from './reaper-render-name';
import { extensionOf, stem } from './rules';

// Which audio files directly in a project's folder are its mixdowns (product.md §2, issue 12 §3).
// A bounce is often named after the song, not after the project file: the set was renamed, the
// folder carries the song's name, REAPER was told to render "Royal Between.wav". These hints add
// those names to the project's own; mixdown-rules.ts holds the mixdown words.

/** Live keeps this folder in every Project folder it manages; nothing else writes it. */
const ABLETON_PROJECT_INFO = 'ableton project info';

/** Ableton names a Project folder "<set> Project"; the set's first name is the song's. */
const PROJECT_FOLDER_SUFFIX = ' project';

/**
 * Names taken from the folder or the render settings are ignored below this length: "DJ" or "A"
 * would be found inside most file names. (The project's own name keeps the older rule: any length.)
 */
const MIN_EXTRA_NAME_LENGTH = 3;

export interface ProjectFolderHints {
  /**
   * The folder is an Ableton Project folder (it holds `Ableton Project Info/`): Live exports there
   * by default and keeps its recordings and samples in `Samples/`, so every audio file at its top
   * level is a bounce of the set, whatever its name.
   */
  takesAllAudio: boolean;
  /** Lower-cased names a mixdown's file name may contain: the project's, its folder's, its render's. */
  names: string[];
}

/**
 * `projectPath` is the project as given, `projectFolder` the folder holding it, `entries` that
 * folder's listing. Reads nothing more, except the header of a REAPER project for its render name.
 */
export async function projectFolderHints(
  projectPath: string,
  projectFolder: string,
  entries: readonly Dirent[],
): Promise<ProjectFolderHints> {
  const takesAllAudio = entries.some(
    (entry) =>
      entry.name.toLowerCase() === ABLETON_PROJECT_INFO && (entry.isDirectory() || entry.isSymbolicLink()),
  );
  const names = [stem(basename(projectPath)).toLowerCase()].filter((name) => name !== '');
  const extra: (string | null)[] = [folderSongName(basename(projectFolder))];
  if (extensionOf(basename(projectPath)) === '.rpp') extra.push(await readReaperRenderName(projectPath));
  for (const name of extra) {
    const lower = name?.trim().toLowerCase() ?? '';
    if (lower.length >= MIN_EXTRA_NAME_LENGTH && !names.includes(lower)) names.push(lower);
  }
  return { takesAllAudio, names };
}

/** "Helios Project" → "Helios"; any other folder name as it is. */
function folderSongName(folder: string): string {
  const lower = folder.toLowerCase();
  return lower.endsWith(PROJECT_FOLDER_SUFFIX) ? folder.slice(0, -PROJECT_FOLDER_SUFFIX.length) : folder;
}
