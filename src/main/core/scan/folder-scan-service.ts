import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FolderScanResult } from '../../../shared/ipc';
import { invalidInput } from '../../../shared/errors';
import { parseProjectPath } from '../../../shared/validation';
import type { SessionsService } from '../sessions/sessions-service';
import { collectScan } from './collect-scan';
import { templateReason } from './templates';
import { groupVersions } from './versions';

/**
 * "Add folder…": scans a folder for DAW projects and tells which are new and which are already in
 * the library, before anything is imported; sets templates and presets aside with the reason and
 * groups the versions of a song under the newest (see README). Only reads the folder.
 */
export class FolderScanService {
  constructor(private readonly sessions: Pick<SessionsService, 'findIdByProjectPath'>) {}

  async scan(path: unknown, signal?: AbortSignal): Promise<FolderScanResult> {
    const root = parseProjectPath(path, 'path');
    if (root === null) throw invalidInput('path must be an absolute path to a folder');
    if (!(await isDirectory(root))) throw invalidInput('path must be an existing folder');
    const { projects, problems, summary } = await collectScan(root, { signal });
    // The scan streams in discovery order; people review folder by folder, song by song.
    projects.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const reviewed = await groupVersions(projects);
    return {
      root,
      projects: reviewed.map(({ project: { path: projectPath, kind, isBundle }, versionOf, mtimeMs }) => {
        const reason = templateReason(foldersFrom(root, projectPath), kind);
        return {
          path: projectPath,
          kind,
          isBundle,
          inLibrary: this.sessions.findIdByProjectPath(projectPath) !== undefined,
          ...(reason !== null && { reason }),
          ...(versionOf !== null && { versionOf }),
          ...(mtimeMs !== null && { mtimeMs }),
        };
      }),
      problems: problems.map(({ path: problemPath, reason }) => ({ path: problemPath, reason })),
      durationMs: Math.round(summary.durationMs),
    };
  }
}

/** The folders holding `path`, from the scanned `root` (included) down to the project's own. */
function foldersFrom(root: string, path: string): string[] {
  if (path === root || !path.startsWith(root)) return [];
  const below = path
    .slice(root.length)
    .split(/[\\/]/)
    .filter((name) => name !== '');
  return [basename(root), ...below.slice(0, -1)];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
