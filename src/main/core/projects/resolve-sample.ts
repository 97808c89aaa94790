import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, posix, win32 } from 'node:path';
import type { ProjectSample } from './project-metadata';

/**
 * Finds a sample a project refers to on this disk. Projects store paths the way the saving machine
 * wrote them: relative to the project folder or absolute, with `/` or `\`, sometimes from another
 * OS (`D:\Samples\kick.wav` opened on a Mac). Tried in order, the first that exists wins:
 *   1. a relative path, against the project folder (either separator);
 *   2. an absolute path as it is (this OS's form only);
 *   3. the file name alone in the project folder, then in its usual media sub-folders: a project
 *      folder that was copied or moved keeps its samples beside it while the absolute paths go stale.
 * When none exists, the likeliest place (1 or 2, else 3's first) is returned with `exists: false`.
 */
export function resolveSample(
  storedPath: string,
  projectDir: string,
  exists: (path: string) => boolean = existsSync,
): ProjectSample {
  const candidates = sampleCandidates(storedPath, projectDir);
  const found = candidates.find((candidate) => exists(candidate));
  return { storedPath, resolvedPath: found ?? candidates[0]!, exists: found !== undefined };
}

/** Sub-folders DAWs keep recordings and imported samples in, beside the project file. */
const MEDIA_FOLDERS = [
  'Audio',
  'audio',
  'Samples',
  'Samples/Imported',
  'Samples/Recorded',
  'Media',
  'Audio Files',
];

export function sampleCandidates(storedPath: string, projectDir: string): string[] {
  const windowsAbsolute = win32.isAbsolute(storedPath) && /^([a-zA-Z]:|\\\\)/.test(storedPath);
  const absolute = isAbsolute(storedPath) || windowsAbsolute;
  const parts = storedPath.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  const name = windowsAbsolute ? win32.basename(storedPath) : basename(storedPath.replaceAll('\\', '/'));
  const candidates: string[] = [];
  if (!absolute) candidates.push(join(projectDir, ...parts));
  else if (!windowsAbsolute || process.platform === 'win32') candidates.push(storedPath);
  if (name) {
    candidates.push(join(projectDir, name));
    for (const folder of MEDIA_FOLDERS) candidates.push(join(projectDir, ...folder.split(posix.sep), name));
  }
  return [...new Set(candidates)];
}
