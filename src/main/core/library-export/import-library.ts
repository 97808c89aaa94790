import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AppError, invalidInput } from '../../../shared/errors';
import type { Core } from '../create-core';
import { ImportMerger, type MergeCounts } from './merge-import';
import { parseExportDocument } from './parse-export';

/** Larger files cannot be read as one JSON text (V8's string limit is about 512 MB). */
export const IMPORT_MAX_BYTES = 400 * 1024 * 1024;

export interface ImportSummary {
  path: string;
  sessions: MergeCounts;
  /** Null when the file or the library has no collections. */
  collections: MergeCounts | null;
  /** Previews and waveform notes given new ids because another session in the library had theirs. */
  renumbered: number;
  /** Manual collection members naming sessions that are not in the library (left out). */
  missingMembers: number;
  /** Collections imported under another name: `Name → Name (imported)`. */
  renamed: string[];
}

/**
 * "Import from JSON": reads a SessionDock export and merges it into the library by id (see
 * ImportMerger for the rules). The whole file is checked first; a file that is not an export, or
 * breaks any rule, is refused with a message naming the place, and nothing is written. The
 * merge is one transaction: all of it or none of it.
 */
export async function importLibrary(
  core: Pick<Core, 'db' | 'writes' | 'events' | 'clock' | 'collections' | 'canWrite'>,
  path: unknown,
): Promise<ImportSummary> {
  if (typeof path !== 'string' || !isAbsolute(path)) throw invalidInput('path must be an absolute file path');
  const document = parseExportDocument(await readJson(path));
  if (!core.canWrite()) {
    throw new AppError(
      'read_only',
      'The library is read-only (it was found damaged): nothing can be imported.',
    );
  }
  // Not inside an API request's group commit: the import commits on its own, all or nothing.
  core.writes.flush();
  const merger = new ImportMerger(core.db, () => core.clock.now());
  const result = core.db.transaction(() => merger.merge(document))();

  if (result.changedSessionIds.length > 0) {
    core.events.emit({ type: 'sessions.created', ids: result.changedSessionIds });
  }
  for (const id of result.addedCollectionIds) {
    core.events.emit({ type: 'collection.created', collection: core.collections.get(id) });
  }
  for (const id of result.updatedCollectionIds) {
    core.events.emit({ type: 'collection.updated', collection: core.collections.get(id) });
  }
  return {
    path,
    sessions: result.sessions,
    collections: result.collections,
    renumbered: result.renumbered,
    missingMembers: result.missingMembers,
    renamed: result.renamed,
  };
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw invalidInput(`${path} is not a file`);
    if (info.size > IMPORT_MAX_BYTES) {
      throw invalidInput(
        `${path} is too large to import (${Math.ceil(info.size / 1048576)} MB; at most ${IMPORT_MAX_BYTES / 1048576} MB)`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidInput(
      `${path} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    // A byte order mark (an editor may add one) is not JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidInput(
      `this file is not a SessionDock export: it is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
