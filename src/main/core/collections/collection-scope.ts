import type { Database, Statement } from 'better-sqlite3';
import type { CollectionKind, SessionListQuery } from '../../../shared/domain';
import { invalidInput } from '../../../shared/errors';
import { parseListQuery } from '../../../shared/validation/list-query';
import { buildListSql } from '../sessions/list-sql';
import type { ListScope } from '../sessions/sessions-service';
import { MemberPages, type MemberPage } from './member-pages';
import { mergeFilters } from './merge-filters';
import { ownOrderPage } from './own-order-page';
import { sortedMemberPage } from './sorted-member-page';

interface ScopeRow {
  seq: number;
  kind: CollectionKind;
  query: string | null;
}

/**
 * What `collection=<id>` means for the session list (GET /sessions, `sessions:list`). A manual
 * collection limits the list to its members: with no `sort` they come in the collection's own
 * order (own-order-page.ts); sorted, with only plain filters, its own table serves as the set
 * (sorted-member-page.ts); with a search, tags or project filters too, the members are one more
 * match set in list-sql.ts, intersected with theirs. A smart collection's saved filters are merged
 * into the request's (merge-filters.ts). An unknown id is a bad query value: 400 invalid_input.
 */
export class CollectionScope implements ListScope {
  private readonly byId: Statement;
  private readonly memberCount: Statement;
  private readonly sessionCount: Statement;
  private readonly pages: MemberPages;

  constructor(db: Database) {
    this.byId = db.prepare('SELECT seq, kind, query FROM collections WHERE id = ?');
    this.memberCount = db.prepare('SELECT member_count FROM collections WHERE seq = ?').pluck();
    this.sessionCount = db.prepare('SELECT sessions FROM session_count WHERE id = 0').pluck();
    this.pages = new MemberPages(db);
  }

  resolve(query: SessionListQuery): SessionListQuery | null {
    if (query.collection === null) return query;
    const row = this.byId.get(query.collection) as ScopeRow | undefined;
    if (!row) throw collectionNotInLibrary(query.collection);
    if (row.kind === 'manual') return { ...query, collectionSeq: row.seq };
    // Stored in the spelling the parser accepts (collection-write.ts): parsing it cannot fail.
    return mergeFilters(parseListQuery(JSON.parse(row.query!)), query);
  }

  page(query: SessionListQuery): MemberPage | undefined {
    const collectionSeq = query.collectionSeq;
    if (collectionSeq === null) return undefined;
    // The other filters, without the membership this page tests its own way.
    const others = buildListSql({ ...query, collectionSeq: null });
    const members = this.memberCount.get(collectionSeq) as number;
    // `recent=true` keeps its published order (most recently opened first).
    if (!query.sortGiven && !query.recent)
      return ownOrderPage(this.pages, query, collectionSeq, others, members);
    if (others.matchSet !== null) return undefined;
    const sessions = this.sessionCount.get() as number;
    return sortedMemberPage(this.pages, query, collectionSeq, others, members, sessions);
  }
}

/** `collection=<id>` naming no collection (deleted, or never was). */
export function collectionNotInLibrary(id: string): Error {
  return invalidInput(`collection must name an existing collection: ${id} not found`);
}
