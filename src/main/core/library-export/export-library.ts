import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, invalidInput } from '../../../shared/errors';
import { isPlainObject } from '../../../shared/validation/text';
import type { Clock } from '../clock';
import { schemaVersion } from '../db/migrate';
import { AtomicFileWriter } from './atomic-file';
import { csvRow, UTF8_BOM } from './csv';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedSession } from './export-format';
import { LibraryReader } from './library-reader';

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFileFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSummary {
  path: string;
  format: ExportFileFormat;
  sessions: number;
  /** Collections written (JSON only; null for CSV, or a library without collections). */
  collections: number | null;
  bytes: number;
}

/** The CSV's columns, in order: one row per session. */
export const CSV_COLUMNS = [
  'id',
  'title',
  'kind',
  'status',
  'client',
  'tags',
  'projectPath',
  'lastOpened',
  'createdAt',
  'updatedAt',
  'notes',
] as const;

/**
 * Writes the library to `request.path` as JSON (everything, see export-format.ts) or CSV (one row
 * per session). The file is written under a temporary name and renamed once complete; sessions
 * are read a chunk at a time with the event loop running between chunks, so the app answers
 * while a large library is exported (each session as it was when its chunk was read).
 */
export async function exportLibrary(
  core: { db: Database; clock: Clock },
  request: unknown,
): Promise<ExportSummary> {
  const { format, path } = parseExportRequest(request);
  const reader = new LibraryReader(core.db);
  let writer: AtomicFileWriter;
  try {
    writer = await AtomicFileWriter.create(path);
  } catch (error) {
    throw new AppError('internal_error', `The export could not be written to ${path}: ${describe(error)}`);
  }
  try {
    const counts =
      format === 'json'
        ? await writeJson(reader, writer, core.db, core.clock.now())
        : await writeCsv(reader, writer);
    await writer.commit();
    return { path, format, ...counts, bytes: writer.bytes };
  } catch (error) {
    await writer.abort();
    throw new AppError('internal_error', `The export could not be written to ${path}: ${describe(error)}`);
  }
}

/** `{format: 'json' | 'csv', path}`: an absolute path in an existing folder. */
export function parseExportRequest(request: unknown): { format: ExportFileFormat; path: string } {
  if (!isPlainObject(request)) throw invalidInput('the export request must be an object {format, path}');
  const { format, path } = request;
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw invalidInput(`format must be one of: ${EXPORT_FORMATS.join(', ')}`);
  }
  if (typeof path !== 'string' || !isAbsolute(path)) throw invalidInput('path must be an absolute file path');
  const resolved = resolve(path);
  if (!existsSync(dirname(resolved)) || !statSync(dirname(resolved)).isDirectory()) {
    throw invalidInput(`the folder ${dirname(resolved)} does not exist`);
  }
  if (existsSync(resolved) && statSync(resolved).isDirectory()) throw invalidInput(`${resolved} is a folder`);
  return { format: format as ExportFileFormat, path: resolved };
}

async function eachChunk(
  reader: LibraryReader,
  visit: (sessions: ExportedSession[]) => Promise<void>,
): Promise<number> {
  let count = 0;
  for (let after = 0; ;) {
    const { sessions, lastSeq } = reader.sessionsAfter(after);
    if (sessions.length === 0) return count;
    await visit(sessions);
    count += sessions.length;
    after = lastSeq;
  }
}

/** One session per line, so a large export stays readable and diffable. */
async function writeJson(
  reader: LibraryReader,
  writer: AtomicFileWriter,
  db: Database,
  exportedAt: Date,
): Promise<{ sessions: number; collections: number | null }> {
  const header = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    schemaVersion: schemaVersion(db),
  };
  await writer.write(`${JSON.stringify(header).slice(0, -1)},\n"sessions": [`);
  let first = true;
  const sessions = await eachChunk(reader, async (chunk) => {
    for (const session of chunk) {
      await writer.write(`${first ? '\n' : ',\n'}${JSON.stringify(session)}`);
      first = false;
    }
  });
  await writer.write(first ? ']' : '\n]');
  const collections = reader.collections();
  if (collections) {
    await writer.write(',\n"collections": [');
    await writer.write(collections.map((collection) => `\n${JSON.stringify(collection)}`).join(','));
    await writer.write(collections.length > 0 ? '\n]' : ']');
  }
  await writer.write('\n}\n');
  return { sessions, collections: collections?.length ?? null };
}

async function writeCsv(
  reader: LibraryReader,
  writer: AtomicFileWriter,
): Promise<{ sessions: number; collections: null }> {
  await writer.write(UTF8_BOM + csvRow(CSV_COLUMNS));
  const sessions = await eachChunk(reader, async (chunk) => {
    await writer.write(
      chunk
        .map((session) =>
          csvRow([
            session.id,
            session.title,
            session.kind,
            session.status,
            session.client,
            session.tags.join(', '),
            session.projectPath,
            session.lastOpened,
            session.createdAt,
            session.updatedAt,
            session.notes,
          ]),
        )
        .join(''),
    );
  });
  return { sessions, collections: null };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
