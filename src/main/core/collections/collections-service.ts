import { COLLECTION_LIMITS, type Collection, type CollectionQuery } from '../../../shared/domain';
import { AppError, invalidInput } from '../../../shared/errors';
import {
  collectionNameKey,
  parseCollectionCreate,
  parseCollectionPatch,
  parseSessionIdsBody,
} from '../../../shared/validation/collection-write';
import { parseListQuery } from '../../../shared/validation/list-query';
import { isoNow, type Clock } from '../clock';
import { buildListSql } from '../sessions/list-sql';
import type { CoreEvents } from '../events';
import { newId } from '../ids';
import type { SessionsService } from '../sessions/sessions-service';
import type { CollectionRow, CollectionsRepository } from './collections-repository';

/** Unknown collection id in a path (the API's 404, the window's error). */
export function collectionNotFound(): AppError {
  return new AppError('collection_not_found', 'collection not found');
}

/**
 * Every rule about collections (issue 13), behind both doors. Inputs are `unknown`: each method
 * validates its body first, then finds the collection (404 collection_not_found), and writes in
 * one transaction, all or nothing. Each write that changed something emits one event after it.
 * Sessions are never created or deleted here.
 */
export class CollectionsService {
  constructor(
    private readonly repository: CollectionsRepository,
    private readonly sessions: SessionsService,
    private readonly events: CoreEvents,
    private readonly clock: Clock,
  ) {}

  /** Every collection in the sidebar's order, with its count. */
  list(): Collection[] {
    return this.repository.all().map((row) => this.toCollection(row));
  }

  get(id: unknown): Collection {
    return this.toCollection(this.requireRow(id));
  }

  /** Body `{name, kind?, query?}`: added at the end of the sidebar. */
  create(body: unknown): Collection {
    const input = parseCollectionCreate(body);
    const nameKey = collectionNameKey(input.name);
    const now = this.clock.now();
    const id = newId('collection', now);
    this.repository.transaction(() => {
      if (this.repository.count() >= COLLECTION_LIMITS.collectionsMax)
        throw invalidInput(`a library holds at most ${COLLECTION_LIMITS.collectionsMax} collections`);
      this.assertNameFree(nameKey, null);
      this.repository.insert({
        id,
        name: input.name,
        nameKey,
        kind: input.kind,
        query: input.query === null ? null : JSON.stringify(input.query),
        createdAt: now.toISOString(),
      });
    });
    const collection = this.get(id);
    this.events.emit({ type: 'collection.created', collection });
    return collection;
  }

  /** Body `{name?, query?, position?}` (at least one); `query` on smart collections only. */
  update(id: unknown, body: unknown): Collection {
    const patch = parseCollectionPatch(body);
    const row = this.requireRow(id);
    if (patch.query !== undefined && row.kind !== 'smart')
      throw invalidInput('query can only be set on a smart collection (this one is manual)');
    this.repository.transaction(() => {
      if (patch.name !== undefined) {
        const nameKey = collectionNameKey(patch.name);
        this.assertNameFree(nameKey, row.seq);
        this.repository.rename(row.seq, patch.name, nameKey);
      }
      if (patch.query !== undefined) this.repository.setQuery(row.seq, JSON.stringify(patch.query));
      if (patch.position !== undefined) this.move(row.seq, patch.position);
      this.repository.touch(row.seq, isoNow(this.clock));
    });
    return this.emit('collection.updated', row.id);
  }

  /** Deletes the collection, never its sessions; the others close up in the sidebar. */
  delete(id: unknown): { deleted: true; id: string } {
    const row = this.requireRow(id);
    this.repository.transaction(() => {
      this.repository.delete(row.seq);
      this.repository.setOrder(this.repository.all().map((other) => other.seq));
    });
    this.events.emit({ type: 'collection.deleted', id: row.id });
    return { deleted: true, id: row.id };
  }

  /** Body `{sessionIds}`: a manual collection holds exactly these sessions, in this order. */
  setSessions(id: unknown, body: unknown): Collection {
    const { sessionIds } = parseSessionIdsBody(body, { position: false });
    const row = this.requireManual(id);
    this.repository.transaction(() => {
      this.repository.replaceMembers(row.seq, this.sessionSeqs(sessionIds));
      this.repository.touch(row.seq, isoNow(this.clock));
    });
    return this.emit('collection.sessionsChanged', row.id);
  }

  /**
   * Body `{sessionIds, position?}`: adds the sessions (already there: left in place), at the end;
   * with `position`, puts them all there in the order given, moving those already in it (how the
   * window reorders by drag). Adding what is there already changes nothing and tells no one.
   */
  addSessions(id: unknown, body: unknown): Collection {
    const { sessionIds, position } = parseSessionIdsBody(body, { position: true });
    const row = this.requireManual(id);
    const changed = this.repository.transaction(() => {
      const placed = this.repository.placeMembers(row.seq, this.sessionSeqs(sessionIds), position);
      if (placed) this.repository.touch(row.seq, isoNow(this.clock));
      return placed;
    });
    return changed ? this.emit('collection.sessionsChanged', row.id) : this.get(row.id);
  }

  /** Takes the session out of the collection; one that is not in it is no error (nothing changes). */
  removeSession(id: unknown, sessionId: unknown): Collection {
    const row = this.requireManual(id);
    const sessionSeq = this.sessions.requireSeq(sessionId);
    const removed = this.repository.transaction(() => {
      const was = this.repository.removeMember(row.seq, sessionSeq);
      if (was) this.repository.touch(row.seq, isoNow(this.clock));
      return was;
    });
    return removed ? this.emit('collection.sessionsChanged', row.id) : this.get(row.id);
  }

  /**
   * The ids of the collections that hold a session now, in sidebar order: the manual ones it is
   * in, and the smart ones whose filters it passes (the detail panel's Collections section).
   */
  holding(sessionId: unknown): string[] {
    const sessionSeq = this.sessions.requireSeq(sessionId);
    const manual = this.repository.manualHolding(sessionSeq);
    return this.repository
      .all()
      .filter((row) => {
        if (row.kind === 'manual') return manual.has(row.seq);
        // Stored in the spelling the parser accepts (collection-write.ts): parsing it cannot fail.
        const filter = buildListSql({ ...parseListQuery(JSON.parse(row.query!)), collectionSeq: null });
        return this.repository.sessionMatches(filter.where, filter.params, sessionSeq);
      })
      .map((row) => row.id);
  }

  private emit(type: 'collection.updated' | 'collection.sessionsChanged', id: string): Collection {
    const collection = this.get(id);
    this.events.emit({ type, collection });
    return collection;
  }

  private toCollection(row: CollectionRow): Collection {
    const query = row.query === null ? null : (JSON.parse(row.query) as CollectionQuery);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      query,
      // A smart collection counts what its filters match now, through the list itself (and its memo).
      sessionCount:
        row.kind === 'manual'
          ? row.member_count
          : this.sessions.list({ collection: row.id, limit: 1 }).meta.total,
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private requireRow(id: unknown): CollectionRow {
    const row = typeof id === 'string' ? this.repository.byId(id) : undefined;
    if (!row) throw collectionNotFound();
    return row;
  }

  private requireManual(id: unknown): CollectionRow {
    const row = this.requireRow(id);
    if (row.kind !== 'manual')
      throw invalidInput(
        "a smart collection's sessions are the ones its filters match: change its query, or use a manual collection",
      );
    return row;
  }

  private assertNameFree(nameKey: string, exceptSeq: number | null): void {
    const holder = this.repository.seqByNameKey(nameKey);
    if (holder !== undefined && holder !== exceptSeq) {
      const taken = this.repository.bySeq(holder)!;
      throw invalidInput(`name must be unique: a collection is already called "${taken.name}"`);
    }
  }

  /** Moves the collection to `position` (0 first) in the sidebar; the others keep their order. */
  private move(seq: number, position: number): void {
    const order = this.repository.all().map((row) => row.seq);
    if (position > order.length - 1)
      throw invalidInput(`position must be an integer between 0 and ${order.length - 1}`);
    const rest = order.filter((other) => other !== seq);
    rest.splice(position, 0, seq);
    this.repository.setOrder(rest);
  }

  /** The seqs of these session ids, in order; any id no session has refuses the whole request. */
  private sessionSeqs(ids: readonly string[]): number[] {
    const found = this.repository.sessionSeqs(ids);
    const missing = found.filter((entry) => entry.seq === undefined).map((entry) => entry.id);
    if (missing.length > 0) {
      const shown =
        missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
      throw invalidInput(
        `sessionIds names ${missing.length === 1 ? 'a session' : 'sessions'} not in the library: ${shown}`,
      );
    }
    return found.map((entry) => entry.seq!);
  }
}
