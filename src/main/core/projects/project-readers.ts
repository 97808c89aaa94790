import { extname } from 'node:path';
import type { ProjectReader, ProjectReading, ProjectSource } from './project-source';
import { readAbletonProject } from './ableton-project';
import { readBitwigProject } from './bitwig-project';
import { readCubaseProject } from './cubase-project';
import { readDawProject } from './dawproject-project';
import { readFlStudioProject } from './fl-studio-project';
import { detectAppleBundle, readLogicProject } from './logic-project';
import { readProToolsProject } from './pro-tools-project';
import { parseReaperProject } from './reaper-project';
import { readStudioOneProject } from './studio-one-project';

/** REAPER's reader works on text; this adapts it to the common contract. */
const readReaperProject: ProjectReader = (source): ProjectReading => {
  const { samplePaths, renderFile, ...rest } = parseReaperProject(source.bytes().toString('utf8'));
  return { ...rest, samplePaths, renderFile };
};

/** Readers by the project's extension (lower-case), per the kind table in src/shared/kinds.ts. */
const READERS_BY_EXTENSION: Readonly<Record<string, ProjectReader>> = {
  '.als': readAbletonProject,
  '.rpp': readReaperProject,
  '.song': readStudioOneProject,
  '.dawproject': readDawProject,
  '.bwproject': readBitwigProject,
  '.flp': readFlStudioProject,
  '.cpr': readCubaseProject,
  '.npr': readCubaseProject,
  '.ptx': readProToolsProject,
  '.ptf': readProToolsProject,
  '.pts': readProToolsProject,
};

/** Readers of bundle folders (macOS packages), by extension. */
const BUNDLE_READERS: Readonly<Record<string, ProjectReader>> = {
  '.logicx': readLogicProject,
  '.band': readLogicProject,
};

/**
 * The reader for a project, or null when SessionDock cannot read its kind. A folder is a bundle:
 * by its extension, or by its contents when a copy lost the extension (a Logic bundle cloned as
 * `Song/`).
 */
export function readerForProject(
  path: string,
  isDirectory: boolean,
  source: ProjectSource,
): ProjectReader | null {
  const extension = extname(path.replace(/[\\/]+$/, '')).toLowerCase();
  if (!isDirectory) return READERS_BY_EXTENSION[extension] ?? null;
  return (
    BUNDLE_READERS[extension] ??
    (detectAppleBundle((relativePath) => source.listInside(relativePath)) === null ? null : readLogicProject)
  );
}
