import type { Dirent } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SessionKind } from '../../../shared/domain';
import { childPath } from './paths';
import { readPlistDict } from '../projects/logic-plist';
import { kindFromLastSaved } from '../projects/logic-project';

// Logic and GarageBand projects are folders (macOS packages). The Finder knows one by its
// extension, but a git clone, a zip from another system or a copy through a file system without
// package support keeps the folder and loses the `.logicx`/`.band`: the walk must then know the
// bundle by what it holds, or it walks into it and lists nothing (issue 12 §3).
//
// A bundle holds `Alternatives/` (one folder per alternative, each with its ProjectData) and
// `Resources/ProjectInformation.plist` (since Logic Pro X 10 and GarageBand 10). The plist's
// `LastSavedFrom` names the application; failing that, GarageBand's bundles are the ones with
// `projectData` at the top.

const ALTERNATIVES = 'alternatives';
const RESOURCES = 'resources';
const GARAGEBAND_PROJECT_DATA = 'projectdata';
const PROJECT_INFORMATION = 'ProjectInformation.plist';
/** ProjectInformation.plist is a few hundred bytes; a larger one is not read (and not a bundle's). */
const PLIST_MAX_BYTES = 256 * 1024;

export type AppleBundleKind = Extract<SessionKind, 'Logic Pro' | 'GarageBand'>;

/** Whether a folder's listing has both folders a bundle has (checked by name only: free). */
export function mayBeAppleBundle(entries: readonly Dirent[]): boolean {
  let alternatives = false;
  let resources = false;
  for (const entry of entries) {
    // Runs for every folder the walk lists: most names are ruled out by length, without lower-casing.
    const length = entry.name.length;
    if ((length !== ALTERNATIVES.length && length !== RESOURCES.length) || !entry.isDirectory()) continue;
    const name = entry.name.toLowerCase();
    if (name === ALTERNATIVES) alternatives = true;
    else if (name === RESOURCES) resources = true;
  }
  return alternatives && resources;
}

/**
 * The kind of the bundle `folder` is (its listing is `entries`), or null when it is an ordinary
 * folder. (The project reader's `detectAppleBundle` applies the same rule to a ProjectSource.) Costs nothing unless the listing has `Alternatives/` and `Resources/`; then one small
 * read of `Resources/ProjectInformation.plist`, which must be there.
 */
export async function appleBundleKind(
  folder: string,
  entries: readonly Dirent[],
): Promise<AppleBundleKind | null> {
  if (!mayBeAppleBundle(entries)) return null;
  const resources = entries.find((entry) => entry.isDirectory() && entry.name.toLowerCase() === RESOURCES)!;
  const plist = await readSmallFile(childPath(childPath(folder, resources.name), PROJECT_INFORMATION));
  if (plist === null) return null;
  const byLastSaved = kindFromLastSaved(lastSavedFrom(plist));
  if (byLastSaved !== null) return byLastSaved;
  const hasProjectData = entries.some(
    (entry) => entry.isFile() && entry.name.toLowerCase() === GARAGEBAND_PROJECT_DATA,
  );
  return hasProjectData ? 'GarageBand' : 'Logic Pro';
}

/** `LastSavedFrom` of ProjectInformation.plist, read as the project reader reads it; null if unreadable. */
function lastSavedFrom(plist: Buffer): string | null {
  try {
    const value = readPlistDict(plist)['LastSavedFrom'];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The whole file when it exists and is small, else null. Opened for reading only. */
async function readSmallFile(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > PLIST_MAX_BYTES) return null;
    const buffer = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
