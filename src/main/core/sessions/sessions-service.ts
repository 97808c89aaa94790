import {
  DEFAULT_ACCENT,
  DEFAULT_KIND,
  DEFAULT_STATUS,
  type ListMeta,
  type Session,
  type SessionListQuery,
  type TagCount,
} from '../../../shared/domain';
import { AppError, invalidInput, sessionNotFound } from '../../../shared/errors';
import { inferKindFromPath } from '../../../shared/kinds';
import {
  canonicalPath,
  parseListQuery,
  parseNotes,
  parseSessionWrite,
  parseTags,
} from '../../../shared/validation';
import { isPlainObject } from '../../../shared/validation/text';
import { isoNow, type Clock } from '../clock';
import type { CoreEvents } from '../events';
import { newId } from '../ids';
import type { DeletedSessions } from './deleted-sessions';
import type { SessionRowWithChildren } from './session-row';
import type { NewSessionRow, SessionsRepository } from './sessions-repository';
import { toSession, type SessionUrls } from './to-session';

/** What `collection=<id>` means for a list: see collections/collection-scope.ts (issue 13). */
export interface ListScope {
  /** The query with its collection resolved; null when its filters cannot all hold (nothing matches). */
  resolve(query: SessionListQuery): SessionListQuery | null;
  /** A page the scope serves better than the plain plans (a manual collection's); else undefined. */
  page(query: SessionListQuery): { rows: SessionRowWithChildren[]; total: number } | undefined;
}

/**
 * Every rule about sessions, behind both doors (IPC and the Local API). Inputs are `unknown` on
 * purpose: each method validates what it is given and throws AppError (`invalid_input`,
 * `not_found`) before anything is written. Each successful write emits exactly one event.
 */
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly events: CoreEvents,
    private readonly clock: Clock,
    private readonly urls: SessionUrls,
    private readonly deleted: DeletedSessions,
    private readonly scope: ListScope,
  ) {}

  create(body: unknown): Session {
    const row = this.newRow(body);
    this.repository.transaction(() => this.repository.insert(row));
    const session = this.get(row.id);
    this.events.emit({ type: 'session.created', session });
    return session;
  }

  /**
   * Creates many sessions in one transaction, all or none: the path for imports and seeding.
   * Every body is validated first (errors name the item: `items[3]: title …`); one
   * `sessions.created` event reports them all, so a window reloads once instead of 100,000 times.
   */
  createMany(bodies: readonly unknown[]): string[] {
    const rows = bodies.map((body, index) => {
      try {
        return this.newRow(body);
      } catch (error) {
        if (error instanceof AppError) throw invalidInput(`items[${index}]: ${error.message}`);
        throw error;
      }
    });
    const ids = this.insertRows(rows);
    if (ids.length > 0) this.events.emit({ type: 'sessions.created', ids });
    return ids;
  }

  /** Inserts rows made by `newRow` in one transaction, without an event (the caller reports). */
  insertRows(rows: readonly NewSessionRow[]): string[] {
    this.repository.transaction(() => this.repository.insertMany(rows));
    return rows.map((row) => row.id);
  }

  /** The session of a project, whichever spelling of its path is given (see canonicalPath). */
  findIdByProjectPath(path: string): string | undefined {
    const canonical = canonicalPath(path);
    return canonical === null ? undefined : this.repository.findIdByProjectPath(canonical);
  }

  /** A validated create body as a row: defaults filled, kind inferred from the project path. */
  newRow(body: unknown): NewSessionRow {
    const write = parseSessionWrite(body);
    if (write.title === undefined) {
      throw invalidInput('title is required: a non-empty string (at most 200 characters)');
    }
    const now = this.clock.now();
    const projectPath = write.projectPath ?? null;
    return {
      id: newId('session', now),
      createdAt: now.toISOString(),
      title: write.title,
      kind: write.kind ?? inferKindFromPath(projectPath) ?? DEFAULT_KIND,
      status: write.status ?? DEFAULT_STATUS,
      accent: write.accent ?? DEFAULT_ACCENT,
      client: write.client ?? '',
      tags: write.tags ?? [],
      notes: write.notes ?? '',
      projectPath,
    };
  }

  get(id: unknown): Session {
    const row = typeof id === 'string' ? this.repository.findById(id) : undefined;
    if (!row) throw sessionNotFound();
    return toSession(row, this.urls);
  }

  /** The sessions of these ids that exist, in the order given (ids that do not are left out). */
  getMany(ids: readonly string[]): Session[] {
    return this.repository.findByIds(ids).map((row) => toSession(row, this.urls));
  }

  list(query: unknown = {}): { data: Session[]; meta: ListMeta } {
    const parsed = parseListQuery(query);
    const scoped = this.scope.resolve(parsed);
    const { rows, total } =
      scoped === null ? { rows: [], total: 0 } : (this.scope.page(scoped) ?? this.repository.list(scoped));
    return {
      data: rows.map((row) => toSession(row, this.urls)),
      meta: { total, limit: parsed.limit, offset: parsed.offset },
    };
  }

  /** Changes only the fields present (at least one) and bumps `updatedAt`. */
  patch(id: unknown, body: unknown): Session {
    const write = parseSessionWrite(body);
    if (Object.keys(write).length === 0) throw invalidInput('body must contain at least one field to change');
    const seq = this.requireSeq(id);
    this.repository.transaction(() => this.repository.update(seq, write, isoNow(this.clock)));
    return this.emitUpdated(id as string);
  }

  /** Removes the session and all SessionDock stored for it; never touches files on disk. */
  delete(id: unknown): { deleted: true; id: string } {
    const snapshot =
      typeof id === 'string'
        ? this.repository.transaction(() => {
            const captured = this.deleted.capture(id);
            if (captured) this.repository.deleteById(id);
            return captured;
          })
        : null;
    if (!snapshot) throw sessionNotFound();
    this.deleted.remember(snapshot);
    this.events.emit({ type: 'session.deleted', id: id as string });
    return { deleted: true, id: id as string };
  }

  /** Undo of a recent delete (this run of the app): the session returns whole, with its id. */
  restore(id: unknown): Session {
    if (typeof id !== 'string' || !this.repository.transaction(() => this.deleted.restore(id))) {
      throw new AppError(
        'not_found',
        'session not found: only sessions deleted since SessionDock started can be restored',
      );
    }
    const session = this.get(id);
    this.events.emit({ type: 'session.created', session });
    return session;
  }

  getTags(id: unknown): { id: string; tags: string[] } {
    const seq = this.requireSeq(id);
    return { id: id as string, tags: this.repository.tagsOf(seq) };
  }

  /** Body `{tags: string[]}`; replaces the whole list. */
  replaceTags(id: unknown, body: unknown): { id: string; tags: string[] } {
    const tags = parseTags(singleField(body, 'tags'));
    const seq = this.requireSeq(id);
    this.repository.transaction(() => this.repository.update(seq, { tags }, isoNow(this.clock)));
    const session = this.emitUpdated(id as string);
    return { id: session.id, tags: session.tags };
  }

  /** Body `{notes: string | null}`; `null` or `""` clears. */
  setNotes(id: unknown, body: unknown): { id: string; notes: string } {
    const notes = parseNotes(singleField(body, 'notes'));
    const seq = this.requireSeq(id);
    this.repository.transaction(() => this.repository.update(seq, { notes }, isoNow(this.clock)));
    const session = this.emitUpdated(id as string);
    return { id: session.id, notes: session.notes };
  }

  /** Records that the project was opened; opening is not an edit, so `updatedAt` stays. */
  markOpened(id: unknown): Session {
    const seq = this.requireSeq(id);
    this.repository.setLastOpened(seq, isoNow(this.clock));
    return this.emitUpdated(id as string);
  }

  tagCounts(): TagCount[] {
    return this.repository.tagCounts();
  }

  /** For services that change a session's children (previews): bumps `updatedAt`. */
  touchSeq(seq: number): void {
    this.repository.touch(seq, isoNow(this.clock));
  }

  /** Emits the update event for a change made by another service. */
  notifyUpdated(id: string): Session {
    return this.emitUpdated(id);
  }

  requireSeq(id: unknown): number {
    const seq = typeof id === 'string' ? this.repository.seqOf(id) : undefined;
    if (seq === undefined) throw sessionNotFound();
    return seq;
  }

  private emitUpdated(id: string): Session {
    const session = this.get(id);
    this.events.emit({ type: 'session.updated', session });
    return session;
  }
}

/** For the one-field bodies of the tags and notes routes: exactly `{<field>: …}`. */
function singleField(body: unknown, field: string): unknown {
  if (!isPlainObject(body)) throw invalidInput(`body must be a JSON object with a ${field} field`);
  const unknown = Object.keys(body).filter((key) => key !== field);
  if (unknown.length > 0)
    throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  if (!Object.hasOwn(body, field)) throw invalidInput(`${field} is required`);
  return body[field];
}
