import type { Database, Statement } from 'better-sqlite3';
import { COLLECTION_LIMITS } from '../../../shared/domain';
import { invalidInput } from '../../../shared/errors';
import { collectionNameKey } from '../../../shared/validation/collection-write';
import { tagKey } from '../../../shared/validation/tags';
import { newId } from '../ids';
import { titleSortKey } from '../sessions/session-row';
import type { ImportedCollection, ImportedDocument, ImportedSession } from './parse-export';

export interface MergeCounts {
  added: number;
  updated: number;
  /** Already in the library and not older there than in the file: left as they are. */
  unchanged: number;
}

export interface MergeResult {
  sessions: MergeCounts;
  /** Null when the file or the library has no collections. */
  collections: MergeCounts | null;
  /** Ids of the sessions added or updated. */
  changedSessionIds: string[];
  addedCollectionIds: string[];
  updatedCollectionIds: string[];
  /** Previews and waveform notes given new ids because another session in the library had theirs. */
  renumbered: number;
  /** Manual collection members naming sessions that are not in the library (left out). */
  missingMembers: number;
  /** Collections imported under another name because the library had one with theirs: `old → new`. */
  renamed: string[];
}

/**
 * Merges an import into the library by id, in the caller's transaction:
 * - a session not in the library is added as it was (its id, times, tags, previews, notes, artwork);
 * - a session in the library is replaced by the file's only when the file's `updatedAt` is later
 *   (newer wins; an equal or older one leaves the library's as it is): every field, its tags,
 *   previews, waveform notes and artwork; its project metadata is dropped, to be read again;
 * - collections likewise (a newer one gets the file's name, filters and members; its sidebar
 *   place stays); a new one goes at the end of the sidebar, renamed "Name (imported)" when the
 *   name is taken. Members that are not in the library are left out.
 */
export class ImportMerger {
  private readonly tables: Set<string>;
  private readonly statements: Record<
    | 'existing'
    | 'insert'
    | 'index'
    | 'update'
    | 'clearTags'
    | 'ensureTag'
    | 'insertTag'
    | 'clearPreviews'
    | 'previewTaken'
    | 'insertPreview'
    | 'noteTaken'
    | 'insertNote'
    | 'setPreferred',
    Statement
  > &
    Record<'clearPlugins' | 'clearProject' | 'clearArtwork' | 'insertArtwork', Statement | null>;
  private readonly result: MergeResult = {
    sessions: { added: 0, updated: 0, unchanged: 0 },
    collections: null,
    changedSessionIds: [],
    addedCollectionIds: [],
    updatedCollectionIds: [],
    renumbered: 0,
    missingMembers: 0,
    renamed: [],
  };

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const sessionColumns = `title = @title, title_key = @titleKey, kind = @kind, status = @status, accent = @accent,
      client = @client, notes = @notes, last_opened = @lastOpened, created_at = @createdAt, updated_at = @updatedAt,
      project_path = @projectPath, project_original_path = @projectOriginalPath,
      preferred_preview_id = @preferredPreviewId, preferred_by_user = @preferredByUser`;
    this.statements = {
      existing: db.prepare('SELECT seq, updated_at FROM sessions WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO sessions (id, title, title_key, kind, status, accent, client, notes, last_opened, created_at,
           updated_at, project_path, project_original_path, preferred_preview_id, preferred_by_user)
         VALUES (@id, @title, @titleKey, @kind, @status, @accent, @client, @notes, @lastOpened, @createdAt,
           @updatedAt, @projectPath, @projectOriginalPath, @preferredPreviewId, @preferredByUser)`,
      ),
      index: db.prepare('INSERT INTO sessions_fts (rowid, title, client, notes) VALUES (?, ?, ?, ?)'),
      update: db.prepare(`UPDATE sessions SET ${sessionColumns} WHERE seq = @seq`),
      clearTags: db.prepare('DELETE FROM session_tags WHERE session_seq = ?'),
      ensureTag: db.prepare('INSERT INTO tags (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      insertTag: db.prepare(
        'INSERT INTO session_tags (session_seq, tag_key, position, label) VALUES (?, ?, ?, ?)',
      ),
      // Waveform notes go with their previews (ON DELETE CASCADE).
      clearPreviews: db.prepare('DELETE FROM previews WHERE session_seq = ?'),
      previewTaken: db.prepare('SELECT 1 FROM previews WHERE id = ?').pluck(),
      insertPreview: db.prepare(
        `INSERT INTO previews (id, session_seq, name, path, status, mime, source, added_at, size, mtime_ms)
         VALUES (@id, @sessionSeq, @name, @path, @status, @mime, @source, @addedAt, @size, @mtimeMs)`,
      ),
      noteTaken: db.prepare('SELECT 1 FROM waveform_notes WHERE id = ?').pluck(),
      insertNote: db.prepare(
        `INSERT INTO waveform_notes (id, session_seq, preview_id, timestamp, text, created_at, updated_at)
         VALUES (@id, @sessionSeq, @previewId, @timestamp, @text, @createdAt, @updatedAt)`,
      ),
      setPreferred: db.prepare('UPDATE sessions SET preferred_preview_id = ? WHERE seq = ?'),
      // Plugin rows before their metadata row: their trigger keeps the plugin counts.
      clearPlugins: this.tables.has('project_plugins')
        ? db.prepare('DELETE FROM project_plugins WHERE session_seq = ?')
        : null,
      clearProject: this.tables.has('project_metadata')
        ? db.prepare('DELETE FROM project_metadata WHERE session_seq = ?')
        : null,
      clearArtwork: this.tables.has('session_artwork')
        ? db.prepare('DELETE FROM session_artwork WHERE session_seq = ?')
        : null,
      insertArtwork: this.tables.has('session_artwork')
        ? db.prepare(
            `INSERT INTO session_artwork (session_seq, source, path, format, width, height, set_at)
             VALUES (@sessionSeq, @source, @path, @format, @width, @height, @setAt)`,
          )
        : null,
    };
  }

  get hasCollections(): boolean {
    return this.tables.has('collections') && this.tables.has('collection_sessions');
  }

  merge(document: ImportedDocument): MergeResult {
    for (const session of document.sessions) this.mergeSession(session);
    if (document.collections && this.hasCollections) this.mergeCollections(document.collections);
    return this.result;
  }

  private mergeSession(session: ImportedSession): void {
    const existing = this.statements.existing.get(session.id) as
      { seq: number; updated_at: string } | undefined;
    if (existing && existing.updated_at >= session.updatedAt) {
      this.result.sessions.unchanged++;
      return;
    }
    const row = {
      ...session,
      titleKey: titleSortKey(session.title),
      preferredByUser: session.preferredByUser ? 1 : 0,
      // Set once the previews are in, under the id the preferred one ends up with.
      preferredPreviewId: null,
    };
    let seq: number;
    if (existing) {
      seq = existing.seq;
      this.statements.update.run({ ...row, seq });
      this.statements.clearTags.run(seq);
      this.statements.clearPreviews.run(seq);
      this.statements.clearPlugins?.run(seq);
      this.statements.clearProject?.run(seq);
      this.statements.clearArtwork?.run(seq);
      this.result.sessions.updated++;
    } else {
      seq = Number(this.statements.insert.run(row).lastInsertRowid);
      this.statements.index.run(seq, session.title, session.client, session.notes);
      this.result.sessions.added++;
    }
    session.tags.forEach((tag, position) => {
      const key = tagKey(tag);
      this.statements.ensureTag.run(key, tag);
      this.statements.insertTag.run(seq, key, position, tag);
    });
    this.insertPreviews(seq, session);
    if (session.artwork && this.statements.insertArtwork) {
      this.statements.insertArtwork.run({ ...session.artwork, sessionSeq: seq });
    }
    this.result.changedSessionIds.push(session.id);
  }

  private insertPreviews(seq: number, session: ImportedSession): void {
    let preferred: string | null = null;
    for (const preview of session.previews) {
      const previewId = this.freeId(this.statements.previewTaken, preview.id, 'preview');
      if (preview.id === session.preferredPreviewId) preferred = previewId;
      this.statements.insertPreview.run({ ...preview, id: previewId, sessionSeq: seq });
      for (const note of preview.waveformNotes) {
        const noteId = this.freeId(this.statements.noteTaken, note.id, 'wnote');
        this.statements.insertNote.run({ ...note, id: noteId, sessionSeq: seq, previewId });
      }
    }
    if (preferred) this.statements.setPreferred.run(preferred, seq);
  }

  /** The id as given, or a new one when another session in the library already has it. */
  private freeId(taken: Statement, id: string, prefix: string): string {
    if (!taken.get(id)) return id;
    this.result.renumbered++;
    return newId(prefix, this.now());
  }

  private mergeCollections(collections: readonly ImportedCollection[]): void {
    const counts: MergeCounts = { added: 0, updated: 0, unchanged: 0 };
    this.result.collections = counts;
    const existing = this.db.prepare('SELECT seq, kind, name_key, updated_at FROM collections WHERE id = ?');
    const holderOfName = this.db.prepare('SELECT seq FROM collections WHERE name_key = ?').pluck();
    const count = this.db.prepare('SELECT count(*) FROM collections').pluck();
    const insert = this.db.prepare(
      `INSERT INTO collections (id, name, name_key, kind, query, position, created_at, updated_at)
       VALUES (@id, @name, @nameKey, @kind, @query, (SELECT coalesce(max(position) + 1, 0) FROM collections),
         @createdAt, @updatedAt)`,
    );
    const update = this.db.prepare(
      'UPDATE collections SET name = @name, name_key = @nameKey, query = @query, updated_at = @updatedAt WHERE seq = @seq',
    );
    const clearMembers = this.db.prepare('DELETE FROM collection_sessions WHERE collection_seq = ?');
    const sessionSeq = this.db.prepare('SELECT seq FROM sessions WHERE id = ?').pluck();
    const insertMember = this.db.prepare(
      'INSERT INTO collection_sessions (collection_seq, session_seq, position) VALUES (?, ?, ?)',
    );

    // In the file's sidebar order, so new ones are added at the end in that order.
    for (const collection of [...collections].sort((a, b) => a.position - b.position)) {
      const found = existing.get(collection.id) as
        { seq: number; kind: string; name_key: string; updated_at: string } | undefined;
      // A collection never changes kind; one that did in the file is not the same collection's newer state.
      if (found && (found.updated_at >= collection.updatedAt || found.kind !== collection.kind)) {
        counts.unchanged++;
        continue;
      }
      const name = this.freeName(collection.name, found?.seq ?? null, holderOfName);
      const values = {
        id: collection.id,
        name,
        nameKey: collectionNameKey(name),
        kind: collection.kind,
        query: collection.query === null ? null : JSON.stringify(collection.query),
        createdAt: collection.createdAt,
        updatedAt: collection.updatedAt,
      };
      let seq: number;
      if (found) {
        seq = found.seq;
        update.run({ ...values, seq });
        clearMembers.run(seq);
        counts.updated++;
        this.result.updatedCollectionIds.push(collection.id);
      } else {
        if ((count.get() as number) >= COLLECTION_LIMITS.collectionsMax) {
          throw invalidInput(
            `a library holds at most ${COLLECTION_LIMITS.collectionsMax} collections: importing these would exceed it`,
          );
        }
        seq = Number(insert.run(values).lastInsertRowid);
        counts.added++;
        this.result.addedCollectionIds.push(collection.id);
      }
      let position = 0;
      for (const id of collection.sessionIds) {
        const member = sessionSeq.get(id) as number | undefined;
        if (member === undefined) {
          this.result.missingMembers++;
          continue;
        }
        insertMember.run(seq, member, position++);
      }
    }
  }

  /** The name, or "Name (imported)", "Name (imported 2)"… when another collection has it. */
  private freeName(name: string, self: number | null, holderOfName: Statement): string {
    const holder = (candidate: string): number | undefined =>
      holderOfName.get(collectionNameKey(candidate)) as number | undefined;
    const free = (candidate: string): boolean => {
      const seq = holder(candidate);
      return seq === undefined || seq === self;
    };
    if (free(name)) return name;
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
      const candidate =
        [...name]
          .slice(0, COLLECTION_LIMITS.nameMax - suffix.length)
          .join('')
          .trimEnd() + suffix;
      if (free(candidate)) {
        this.result.renamed.push(`${name} → ${candidate}`);
        return candidate;
      }
    }
  }
}
