import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ARTWORK_EXTENSIONS, readImageHeader, type ImageHeader } from './image-formats';

/** The names that say "this is the artwork", most telling first. */
export const ARTWORK_NAMES = ['cover', 'artwork', 'folder'] as const;

export interface FoundArtwork extends ImageHeader {
  path: string;
}

/**
 * The obvious image in a project's folder (the folder holding the project file or bundle), for
 * imports: `cover.*`, else `artwork.*`, else `folder.*` (png, jpg, jpeg, webp, gif, any letter
 * case), else the only image at the folder's top level. Two images and none of those names: no
 * guess. Hidden files (`.name`, and macOS' `._name` copies) are never candidates. A candidate must
 * really be an image of one of those formats (its header is read); the folder is only listed and
 * read, never written.
 */
export async function findArtwork(projectPath: string): Promise<FoundArtwork | null> {
  const folder = dirname(projectPath.replace(/[\\/]+$/, ''));
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return null;
  }
  const images = entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, ...splitName(entry.name) }))
    .filter((image) => image.extension !== null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const wanted of ARTWORK_NAMES) {
    const named = images
      .filter((image) => image.base === wanted)
      .sort((a, b) => extensionRank(a.extension!) - extensionRank(b.extension!));
    for (const image of named) {
      const found = await readCandidate(join(folder, image.name));
      if (found) return found;
    }
  }
  if (images.length !== 1) return null;
  return readCandidate(join(folder, images[0]!.name));
}

async function readCandidate(path: string): Promise<FoundArtwork | null> {
  try {
    // A symbolic link counts when it leads to a file.
    if (!(await stat(path)).isFile()) return null;
    return { path, ...(await readImageHeader(path)) };
  } catch {
    return null;
  }
}

function splitName(name: string): { base: string; extension: string | null } {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
  if (!Object.hasOwn(ARTWORK_EXTENSIONS, extension)) return { base: name, extension: null };
  return { base: name.slice(0, dot).toLowerCase(), extension };
}

const EXTENSION_ORDER = Object.keys(ARTWORK_EXTENSIONS);

function extensionRank(extension: string): number {
  return EXTENSION_ORDER.indexOf(extension);
}
