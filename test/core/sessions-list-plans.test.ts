// The list picks among several plans (collect then sort, walk the sort index, test row by row,
// seek from an anchor) and remembers counts and anchors until the library changes. Whatever it
// picks, every page must be exactly the page of a plain sort of the matches, done here in JS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_KINDS, SESSION_STATUSES, SORT_KEYS, type SortKey } from '../../src/shared/domain';
import { Random } from '../../bench/lib/random';
import { SessionsRepository, type ListPlan } from '../../src/main/core/sessions/sessions-repository';
import { parseListQuery } from '../../src/shared/validation';
import { createTempCore, type TempCore } from '../helpers/temp-core';

interface Row {
  seq: number;
  id: string;
  title_key: string;
  kind: string;
  status_rank: number;
  last_opened: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMN: Record<SortKey, keyof Row> = {
  title: 'title_key',
  lastOpened: 'last_opened',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status_rank',
  kind: 'kind',
};

const WORDS = ['mix', 'drums', 'vocal', 'bass', 'sketch', 'night', 'rare'];
const TAGS = ['mix', 'wip', 'client', 'demo', 'rare'];
/** Whole words and short prefixes (1–3 letters: the row-by-row plan of broad searches). */
const SEARCHES = [...WORDS, 'm', 's', 'd', 'dr', 'ba', 'ni', 'vo'];
const SESSIONS = 3000;

/** SQLite's order: NULL first, numbers before text, text by bytes; ties by id. */
function compare(a: Row, b: Row, column: keyof Row): number {
  const x = a[column];
  const y = b[column];
  if (x !== y) {
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

describe('list plans give the same pages as a plain sort', () => {
  let t: TempCore;
  const random = new Random(7);

  beforeAll(() => {
    t = createTempCore();
    const pick = <T>(items: readonly T[]): T => random.pick(items);
    t.core.sessions.createMany(
      Array.from({ length: SESSIONS }, (_, i) => ({
        // Few distinct titles and times: long runs of ties, broken by id.
        title: `${pick(WORDS)} ${i % 3 === 0 ? pick(WORDS) : 'take'}`,
        kind: pick(SESSION_KINDS),
        status: pick(SESSION_STATUSES),
        tags: TAGS.filter((tag) => random.chance(tag === 'rare' ? 0.01 : 0.4)),
        notes: i % 50 === 0 ? 'rare words here' : '',
      })),
    );
    // Shared timestamps (ties) and a third opened at least once.
    t.core.db.exec(`
      UPDATE sessions SET updated_at = '2025-01-0' || (1 + seq % 7) || 'T00:00:00.000Z',
        created_at = '2024-12-' || (10 + seq % 13) || 'T00:00:00.000Z',
        last_opened = CASE WHEN seq % 3 = 0 THEN '2025-02-0' || (1 + seq % 5) || 'T00:00:00.000Z' END;
    `);
  });
  afterAll(() => t.cleanup());

  function all(): Row[] {
    return t.core.db
      .prepare(
        'SELECT seq, id, title_key, kind, status_rank, last_opened, created_at, updated_at FROM sessions',
      )
      .all() as Row[];
  }

  function expected(query: Record<string, unknown>, rows: readonly Row[]): { ids: string[]; total: number } {
    const tags = typeof query.tags === 'string' ? query.tags.split(',') : [];
    const tagSets = tags.map(
      (tag) =>
        new Set(
          t.core.db
            .prepare('SELECT session_seq FROM session_tags WHERE tag_key = ?')
            .pluck()
            .all(tag) as number[],
        ),
    );
    const tagged = (seq: number): boolean => tagSets.every((set) => set.has(seq));
    const searched =
      typeof query.q === 'string'
        ? new Set(
            t.core.db
              .prepare('SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?')
              .pluck()
              .all(`"${query.q}"*`) as number[],
          )
        : null;
    const sort = String(query.sort ?? '-updatedAt');
    const descending = sort.startsWith('-');
    const column = COLUMN[sort.replace('-', '') as SortKey];
    const matches = rows
      .filter((row) => query.kind === undefined || row.kind === query.kind)
      .filter(
        (row) =>
          query.status === undefined || row.status_rank === SESSION_STATUSES.indexOf(query.status as never),
      )
      .filter((row) => query.recent !== true || row.last_opened !== null)
      .filter((row) => searched === null || searched.has(row.seq))
      .filter((row) => tagged(row.seq))
      .sort((a, b) => (descending ? -compare(a, b, column) : compare(a, b, column)));
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 50);
    return { ids: matches.slice(offset, offset + limit).map((row) => row.id), total: matches.length };
  }

  function check(query: Record<string, unknown>, rows = all()): void {
    const answer = t.core.sessions.list(query);
    const want = expected(query, rows);
    expect({ query, total: answer.meta.total, ids: answer.data.map((s) => s.id) }).toEqual({
      query,
      total: want.total,
      ids: want.ids,
    });
  }

  it('deep pages in every order, both directions, reached through anchors', () => {
    const rows = all();
    for (const sort of SORT_KEYS) {
      for (const sign of ['', '-']) {
        for (const offset of [0, 1023, 1024, 1025, 2047, 2048, 2500, SESSIONS - 50, SESSIONS - 1, SESSIONS]) {
          check({ sort: `${sign}${sort}`, offset, limit: 50 }, rows);
        }
      }
    }
    check({ sort: '-lastOpened', recent: true, offset: 0, limit: 50 }, rows);
    check({ sort: 'lastOpened', recent: true, offset: 980, limit: 50 }, rows);
  });

  it('random queries: filters, searches, tags, every order, any offset', () => {
    const rows = all();
    for (let i = 0; i < 300; i++) {
      const query: Record<string, unknown> = {
        sort: `${random.chance(0.5) ? '-' : ''}${random.pick(SORT_KEYS)}`,
        limit: 1 + Math.floor(random.float() * 120),
      };
      if (random.chance(0.3)) query.kind = random.pick(SESSION_KINDS);
      if (random.chance(0.2)) query.status = random.pick(SESSION_STATUSES);
      if (random.chance(0.2)) query.recent = true;
      if (random.chance(0.4)) query.q = random.pick(SEARCHES);
      if (random.chance(0.4)) {
        const first = random.pick(TAGS);
        const second = random.pick(TAGS);
        query.tags = random.chance(0.5) || first === second ? first : `${first},${second}`;
      }
      const total = expected({ ...query, offset: 0, limit: 1 }, rows).total;
      query.offset = random.chance(0.3) ? 0 : Math.floor(random.float() * (total + 60));
      check(query, rows);
    }
  });

  it('forgets counts and anchors when the library changes, however it is written', () => {
    const deep = { sort: 'title', offset: 2100, limit: 30 };
    check(deep);
    check({ q: 'drums', limit: 10 });
    // Through the service: a title that now sorts first shifts every deep page by one.
    const session = t.core.sessions.create({ title: 'aaa first drums', tags: ['rare'] });
    check(deep);
    check({ q: 'drums', limit: 10 });
    check({ tags: 'rare', limit: 5 });
    // Behind the service's back (plain SQL, as a migration would): still seen.
    t.core.db.prepare("UPDATE sessions SET title_key = 'zzz' WHERE id = ?").run(session.id);
    check(deep);
    t.core.db.prepare('DELETE FROM sessions WHERE id = ?').run(session.id);
    check(deep);
    check({ q: 'drums', limit: 10 });
    check({ tags: 'rare', limit: 5 });
  });

  it('picks each plan where it pays, whatever was asked before (a short word, then a long one of the same shape)', () => {
    const repository = new SessionsRepository(t.core.db);
    const plan = (query: Record<string, unknown>): ListPlan => {
      repository.list(parseListQuery(query));
      return repository.lastPlan;
    };
    // 'm' and 'mix' are in most titles: dense, and short enough for the prefix index.
    expect(plan({ q: 'm', limit: 20 })).toBe('row-by-row');
    expect(plan({ q: 'mix', limit: 20 })).toBe('row-by-row');
    // Same SQL shape, a long word: never tested row by row (each test would merge every word
    // starting with "drums"), but collected once into a match set.
    expect(plan({ q: 'drums', limit: 20 })).toMatch(/^match-set/);
    expect(plan({ q: 'sketch', limit: 20 })).toMatch(/^match-set/);
    expect(plan({ q: 'm', limit: 20 })).toBe('row-by-row');
    // Deep in a short-word search, too many rows to test: the match set.
    const mTotal = t.core.sessions.list({ q: 'm', limit: 1 }).meta.total;
    expect(plan({ q: 'm', limit: 50, offset: mTotal - 60 })).toMatch(/^match-set/);
    // Few matches: collected and sorted.
    expect(plan({ q: 'rare', limit: 20 })).toBe('match-set order');
    expect(plan({ tags: 'rare', limit: 20 })).toBe('match-set order');
    expect(plan({ limit: 20 })).toBe('walk');
    expect(plan({ limit: 20, offset: 1500 })).toBe('anchor');
    expect(plan({ limit: 20, offset: SESSIONS + 5 })).toBe('empty');
  });

  it('remembers nothing inside a transaction, so a rollback cannot leave a stale count or set behind', () => {
    const before = t.core.sessions.list({ q: 'drums', limit: 5 }).meta.total;
    const tagged = t.core.sessions.list({ tags: 'rare', limit: 5 }).meta.total;
    expect(() =>
      t.core.db.transaction(() => {
        t.core.sessions.create({ title: 'drums inside', tags: ['rare'] });
        check({ q: 'drums', limit: 5 });
        check({ tags: 'rare', limit: 5 });
        check({ sort: 'title', offset: 2000, limit: 5 });
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(t.core.sessions.list({ q: 'drums', limit: 5 }).meta.total).toBe(before);
    expect(t.core.sessions.list({ tags: 'rare', limit: 5 }).meta.total).toBe(tagged);
    check({ q: 'drums', limit: 5 });
    check({ tags: 'rare', limit: 5 });
    check({ sort: 'title', offset: 2000, limit: 5 });
  });
});
