import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { AUDIO_EXTENSIONS_TEXT, audioMimeForPath } from '../../../shared/audio';
import type { PreviewInfo, Session } from '../../../shared/domain';
import { AppError, invalidInput } from '../../../shared/errors';
import { parsePreviewName, parseProjectPath, previewNameFromFile } from '../../../shared/validation';
import { isPlainObject } from '../../../shared/validation/text';
import type { Clock } from '../clock';
import type { CoreEvents } from '../events';
import { newId } from '../ids';
import type { SessionsService } from '../sessions/sessions-service';

export interface PreviewRecord {
  id: string;
  sessionSeq: number;
  name: string;
  path: string;
  status: 'ready' | 'missing' | 'unreadable';
  mime: string | null;
  source: 'user' | 'auto';
}

export interface DetectedMixdown {
  path: string;
  name: string;
  mtimeMs: number;
  size: number;
}

export function previewNotFound(): AppError {
  return new AppError('preview_not_found', 'preview not found');
}

/**
 * A session's preview mixdowns: attaching, detaching and choosing the preferred one. A preview a
 * person picked always wins over one found automatically. Files are only ever read (stat here);
 * detaching forgets a file, never touches it.
 */
export class PreviewsService {
  private readonly statements: Record<
    'byId' | 'ofSession' | 'insert' | 'remove' | 'setPreferred' | 'preferredOf' | 'setStatus' | 'byPath',
    Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly events: CoreEvents,
  ) {
    const columns = 'id, session_seq AS sessionSeq, name, path, status, mime, source';
    this.statements = {
      byId: db.prepare(`SELECT ${columns} FROM previews WHERE id = ? AND session_seq = ?`),
      ofSession: db.prepare(
        `SELECT ${columns} FROM previews WHERE session_seq = ? ORDER BY added_at DESC, id`,
      ),
      byPath: db.prepare(`SELECT ${columns} FROM previews WHERE session_seq = ? AND path = ?`),
      insert: db.prepare(
        `INSERT INTO previews (id, session_seq, name, path, status, mime, source, added_at, size, mtime_ms)
         VALUES (@id, @sessionSeq, @name, @path, 'ready', @mime, @source, @addedAt, @size, @mtimeMs)`,
      ),
      remove: db.prepare('DELETE FROM previews WHERE id = ?'),
      setPreferred: db.prepare(
        'UPDATE sessions SET preferred_preview_id = ?, preferred_by_user = ? WHERE seq = ?',
      ),
      preferredOf: db.prepare(
        'SELECT preferred_preview_id AS id, preferred_by_user AS byUser FROM sessions WHERE seq = ?',
      ),
      setStatus: db.prepare('UPDATE previews SET status = ? WHERE id = ?'),
    };
  }

  /** Body `{path, name?, preferred?}`: attaches an existing audio file as a preview. */
  attach(sessionId: unknown, body: unknown): Session['previews'][number] {
    const preview = this.attachSilently(sessionId, body);
    this.notifyChanged(sessionId as string, preview.id);
    return preview;
  }

  /** `attach` without the change event: for bulk work (imports) that reports once at the end. */
  attachSilently(sessionId: unknown, body: unknown): Session['previews'][number] {
    if (!isPlainObject(body)) throw invalidInput('body must be a JSON object with a path field');
    const unknown = Object.keys(body).filter((key) => !['path', 'name', 'preferred'].includes(key));
    if (unknown.length > 0)
      throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    const path = parseProjectPath(body.path, 'path');
    if (path === null) throw invalidInput('path must be an absolute path to an audio file');
    const mime = audioMimeForPath(path);
    if (!mime) throw invalidInput(`path must be an audio file (${AUDIO_EXTENSIONS_TEXT})`);
    const name =
      body.name === undefined
        ? previewNameFromFile(basename(path, extname(path)))
        : parsePreviewName(body.name);
    if (body.preferred !== undefined && typeof body.preferred !== 'boolean') {
      throw invalidInput('preferred must be true or false');
    }
    const file = statFile(path);
    if (!file) throw invalidInput('path does not exist or is not a file');
    const seq = this.sessionSeq(sessionId);
    if (this.statements.byPath.get(seq, path))
      throw invalidInput('path is already a preview of this session');

    const id = newId('preview', this.clock.now());
    this.db.transaction(() => {
      this.statements.insert.run({
        id,
        sessionSeq: seq,
        name,
        path,
        mime,
        source: 'user',
        addedAt: this.clock.now().toISOString(),
        size: file.size,
        mtimeMs: file.mtimeMs,
      });
      const current = this.statements.preferredOf.get(seq) as { id: string | null; byUser: number };
      // The user picked this file: it becomes preferred when asked, or when nothing was chosen yet.
      if (body.preferred === true || current.id === null || !current.byUser)
        this.statements.setPreferred.run(id, 1, seq);
      this.sessions.touchSeq(seq);
    })();
    return { id, name, path, status: 'ready' };
  }

  /** Forgets the preview (and its waveform notes); the audio file itself is never touched. */
  detach(sessionId: unknown, previewId: unknown): { deleted: true; id: string } {
    const seq = this.sessionSeq(sessionId);
    const preview = this.find(seq, previewId);
    this.db.transaction(() => {
      this.statements.remove.run(preview.id);
      const current = this.statements.preferredOf.get(seq) as { id: string | null };
      if (current.id === preview.id) this.preferNewest(seq);
      this.sessions.touchSeq(seq);
    })();
    this.notifyChanged(sessionId as string, preview.id);
    return { deleted: true, id: preview.id };
  }

  /** The session's preview status, preferred preview and list: what both doors answer about previews. */
  info(sessionId: unknown): PreviewInfo {
    return previewInfoOf(this.sessions.get(sessionId));
  }

  /**
   * Body `{preferredPreviewId}`: the user's choice, which detection never overrides; null reverts to
   * automatic. Answers the preview info, like `info`.
   */
  prefer(sessionId: unknown, body: unknown): PreviewInfo {
    if (!isPlainObject(body) || !Object.hasOwn(body, 'preferredPreviewId')) {
      throw invalidInput('body must be a JSON object with a preferredPreviewId field');
    }
    const unknown = Object.keys(body).filter((key) => key !== 'preferredPreviewId');
    if (unknown.length > 0)
      throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    const choice = body.preferredPreviewId;
    if (choice !== null && typeof choice !== 'string')
      throw invalidInput('preferredPreviewId must be a string or null');
    const seq = this.sessionSeq(sessionId);
    const preview = choice === null ? null : this.find(seq, choice);
    this.db.transaction(() => {
      if (preview) this.statements.setPreferred.run(preview.id, 1, seq);
      else this.preferNewest(seq);
      this.sessions.touchSeq(seq);
    })();
    return this.notifyChanged(sessionId as string, preview?.id ?? null);
  }

  /**
   * After a write to a session's previews: `session.updated` (its previews are part of it), then
   * `preview.changed` for listeners that follow previews alone. Answers the new preview info.
   */
  notifyChanged(
    sessionId: string,
    variantId: string | null,
    change: 'previews' | 'waveformNotes' = 'previews',
  ): PreviewInfo {
    const preview = previewInfoOf(this.sessions.notifyUpdated(sessionId));
    this.events.emit({ type: 'preview.changed', sessionId, preview, change, variantId });
    return preview;
  }

  /**
   * Mixdowns found automatically (newest first). New ones are added; the newest becomes
   * preferred unless the user already chose one. Returns the previews added.
   */
  addDetected(sessionSeq: number, mixdowns: readonly DetectedMixdown[]): string[] {
    const added: string[] = [];
    for (const mixdown of mixdowns) {
      if (this.statements.byPath.get(sessionSeq, mixdown.path)) continue;
      const id = newId('preview', this.clock.now());
      this.statements.insert.run({
        id,
        sessionSeq,
        name: mixdown.name,
        path: mixdown.path,
        mime: audioMimeForPath(mixdown.path),
        source: 'auto',
        addedAt: new Date(mixdown.mtimeMs).toISOString(),
        size: mixdown.size,
        mtimeMs: mixdown.mtimeMs,
      });
      added.push(id);
    }
    const current = this.statements.preferredOf.get(sessionSeq) as { id: string | null; byUser: number };
    if (added.length > 0 && !current.byUser) this.statements.setPreferred.run(added[0], 0, sessionSeq);
    return added;
  }

  /** The preview a waveform, audio or note request means: `variantId`, else the preferred one. */
  resolve(sessionId: unknown, variantId: unknown): PreviewRecord {
    const seq = this.sessionSeq(sessionId);
    if (variantId !== undefined && variantId !== '') return this.find(seq, variantId);
    const preferred = (this.statements.preferredOf.get(seq) as { id: string | null }).id;
    if (!preferred) throw previewNotFound();
    return this.find(seq, preferred);
  }

  markStatus(previewId: string, status: PreviewRecord['status']): void {
    this.statements.setStatus.run(status, previewId);
  }

  private preferNewest(seq: number): void {
    const remaining = this.statements.ofSession.all(seq) as PreviewRecord[];
    const next = remaining.find((preview) => preview.source === 'user') ?? remaining[0] ?? null;
    this.statements.setPreferred.run(next?.id ?? null, next?.source === 'user' ? 1 : 0, seq);
  }

  private find(seq: number, previewId: unknown): PreviewRecord {
    const preview =
      typeof previewId === 'string'
        ? (this.statements.byId.get(previewId, seq) as PreviewRecord | undefined)
        : undefined;
    if (!preview) throw previewNotFound();
    return preview;
  }

  private sessionSeq(sessionId: unknown): number {
    return this.sessions.requireSeq(sessionId);
  }
}

/** The preview part of a session, in the published field order. */
export function previewInfoOf(session: Session): PreviewInfo {
  return {
    id: session.id,
    previewStatus: session.previewStatus,
    preferredPreviewId: session.preferredPreviewId,
    previewUrl: session.previewUrl,
    previewAudioUrl: session.previewAudioUrl,
    previewAudioMime: session.previewAudioMime,
    previews: session.previews,
  };
}

function statFile(path: string): { size: number; mtimeMs: number } | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}
