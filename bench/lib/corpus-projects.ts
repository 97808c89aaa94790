import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { detectAppleBundle } from '../../src/main/core/projects/logic-project';
import { fileSource } from '../../src/main/core/projects/project-source';
import { SKIPPED_FOLDER_NAMES } from '../../src/main/core/scan/rules';

/** The shared corpus's projects (`../shared/corpus/projects`), absent on machines without it. */
export const CORPUS_PROJECTS = join(__dirname, '../../../shared/corpus/projects');

const FILE_EXTENSIONS = new Set([
  '.als',
  '.rpp',
  '.song',
  '.dawproject',
  '.bwproject',
  '.flp',
  '.cpr',
  '.npr',
  '.ptx',
  '.ptf',
  '.pts',
]);

/**
 * Every project file and bundle under `root`, in name order. Bundles are known by their contents
 * (the corpus keeps repositories named `x.band` that are plain folders) and never entered. With
 * `skipBackups`, DAWs' backup folders are left out, as the scanner leaves them.
 */
export function findCorpusProjects(root: string, options: { skipBackups?: boolean } = {}): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (detectAppleBundle((inner) => fileSource(path).listInside(inner)) !== null) found.push(path);
        else if (!options.skipBackups || !SKIPPED_FOLDER_NAMES.has(name.toLowerCase())) visit(path);
      } else if (FILE_EXTENSIONS.has(extname(name).toLowerCase())) {
        found.push(path);
      }
    }
  };
  visit(root);
  return found;
}
