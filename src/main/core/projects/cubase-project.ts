import { readCubaseSummary } from './cubase-attributes';
import { readCubaseChunks } from './cubase-container';
import { readCubasePlugins } from './cubase-plugins';
import type { ProjectReader, ProjectReading } from './project-source';

/**
 * Reads a Cubase (`.cpr`) or Nuendo (`.npr`) project: the same container (`cubase-container.ts`),
 * told apart by the application name the file stores.
 *
 * Read: the application and version (`cubase-attributes.ts`), tempo, signature and sample rate
 * from the project's Metadata object when it has one (Cubase 5 and later), and the plugins
 * (`cubase-plugins.ts`). Not read: tracks, samples and the save time. The arrangement is an
 * undocumented object graph whose track and audio-pool records cannot be told apart reliably
 * without a full model of it; `tracks` stays empty and `trackCount` 0, meaning "not read".
 *
 * A file that is not RIFF/NUND throws with the reason. A file cut short yields what was read before
 * the cut: its version if the Version object was whole enough, and the plugin objects that are.
 */
export const readCubaseProject: ProjectReader = (source) => parseCubaseProject(source.bytes());

export function parseCubaseProject(bytes: Buffer): ProjectReading {
  const chunks = readCubaseChunks(bytes);
  return {
    ...readCubaseSummary(bytes, chunks),
    key: null,
    trackCount: 0,
    tracks: [],
    plugins: readCubasePlugins(bytes),
    samplePaths: [],
    savedAt: null,
  };
}
