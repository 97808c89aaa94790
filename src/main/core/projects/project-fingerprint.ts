import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Size and modification time of what a reader reads: a changed project is read again. */
export interface ProjectFingerprint {
  size: number;
  mtimeMs: number;
}

/**
 * For a file, its own size and mtime. A bundle folder's own mtime does not move when Logic saves
 * into it, so a bundle is fingerprinted by the files the reader reads: `Resources/` and each
 * alternative's plists and `ProjectData` (sizes summed, newest mtime). Null when the project is gone.
 */
export function projectFingerprint(path: string): ProjectFingerprint | null {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return null;
  }
  if (!stats.isDirectory()) return { size: stats.size, mtimeMs: stats.mtimeMs };
  let size = 0;
  let mtimeMs = 0;
  const add = (file: string): void => {
    try {
      const inner = statSync(file);
      size += inner.size;
      mtimeMs = Math.max(mtimeMs, inner.mtimeMs);
    } catch {
      // Not there in this bundle: nothing to fingerprint.
    }
  };
  add(join(path, 'Resources', 'ProjectInformation.plist'));
  add(join(path, 'projectData'));
  for (const alternative of listOrEmpty(join(path, 'Alternatives'))) {
    for (const file of ['MetaData.plist', 'ProjectData']) add(join(path, 'Alternatives', alternative, file));
  }
  return { size, mtimeMs: mtimeMs || stats.mtimeMs };
}

function listOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
