// `collection=<id>` on the session list (issue 13 §1): whatever plan serves a page, it is exactly
// the page a plain JS filter of every session gives — a manual collection's members (in the
// collection's own order when no sort is given), a smart collection's saved filters and the
// request's together — and it follows every change at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../bench/lib/random';
import { SessionsRepository } from '../../src/main/core/sessions/sessions-repository';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  SORT_KEYS,
  type Collection,
  type SortKey,
} from '../../src/shared/domain';
import { keyClass, parseKey } from '../../src/shared/musical-key';
import { parseListQuery } from '../../src/shared/validation';
import { createTempCore, expectAppError, type TempCore } from '../helpers/temp-core';

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

interface Project {
  tempo: number;
  keyClass: string;
  missingSamples: boolean;
  plugins: string[];
}

const COLUMN: Record<SortKey, keyof Row> = {
  title: 'title_key',
  lastOpened: 'last_opened',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status_rank',
  kind: 'kind',
};

const KINDS = SESSION_KINDS.slice(0, 4);
const WORDS = ['mix', 'drums', 'vocal', 'bass', 'sketch', 'night', 'rare'];
const SEARCHES = [...WORDS, 'm', 'dr', 'ni'];
const TAGS = ['mix', 'wip', 'client', 'demo'];
const PLUGINS = ['Serum', 'Diva', 'Pro-Q 3'];
const TEMPOS = [90, 100, 120, 128, 140];
const KEYS = ['A minor', 'C major', 'F# minor'];
const SESSIONS = 2500;
/** Above the list's 1,000-match threshold: first pages walk the sort index, deep ones sort the set. */
const BIG = 1400;

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

let t: TempCore;
const random = new Random(13);
const projects = new Map<number, Project>();
/** Each manual collection's members in their order, as this test put them. */
const members = new Map<string, string[]>();
let big: Collection;
let small: Collection;
let empty: Collection;
let ids: string[];

beforeAll(() => {
  t = createTempCore({ peaksSource: null, projectReader: null });
  ids = t.core.sessions.createMany(
    Array.from({ length: SESSIONS }, (_, i) => ({
      title: `${random.pick(WORDS)} ${i % 3 === 0 ? random.pick(WORDS) : 'take'}`,
      kind: random.pick(KINDS),
      status: random.pick(SESSION_STATUSES),
      tags: TAGS.filter(() => random.chance(0.35)),
    })),
  );
  t.core.db.exec(`
    UPDATE sessions SET updated_at = '2025-01-0' || (1 + seq % 7) || 'T00:00:00.000Z',
      created_at = '2024-12-' || (10 + seq % 13) || 'T00:00:00.000Z',
      last_opened = CASE WHEN seq % 3 = 0 THEN '2025-02-0' || (1 + seq % 5) || 'T00:00:00.000Z' END;
  `);
  // What project reads would have stored (issue 12), for the project filters.
  const metadata = t.core.db.prepare(
    `INSERT INTO project_metadata (session_seq, path, size, mtime_ms, status, read_at, tempo, key, key_class, missing_samples)
     VALUES (?, '/p', 1, 1, 'ready', '2025-01-01T00:00:00.000Z', ?, ?, ?, ?)`,
  );
  const plugin = t.core.db.prepare(
    "INSERT INTO project_plugins (session_seq, name_key, format, name, instances) VALUES (?, ?, 'VST3', ?, 1)",
  );
  t.core.db.transaction(() => {
    for (const row of allRows()) {
      if (!random.chance(0.6)) continue;
      const key = random.pick(KEYS);
      const project: Project = {
        tempo: random.pick(TEMPOS),
        keyClass: keyClass(parseKey(key)!),
        missingSamples: random.chance(0.2),
        plugins: PLUGINS.filter(() => random.chance(0.4)),
      };
      projects.set(row.seq, project);
      metadata.run(row.seq, project.tempo, key, project.keyClass, project.missingSamples ? 2 : 0);
      for (const name of project.plugins) plugin.run(row.seq, name.toLowerCase(), name);
    }
  })();
  big = manual('Big', random.shuffle(ids).slice(0, BIG));
  small = manual('Small', random.shuffle(ids).slice(0, 40));
  empty = manual('Empty', []);
});
afterAll(() => t.cleanup());

function manual(name: string, sessionIds: string[]): Collection {
  const collection = t.core.collections.create({ name });
  t.core.collections.setSessions(collection.id, { sessionIds });
  members.set(collection.id, sessionIds);
  return collection;
}

function allRows(): Row[] {
  return t.core.db
    .prepare(
      'SELECT seq, id, title_key, kind, status_rank, last_opened, created_at, updated_at FROM sessions',
    )
    .all() as Row[];
}

function seqSet(sql: string, param: unknown): Set<number> {
  return new Set(t.core.db.prepare(sql).pluck().all(param) as number[]);
}

/** The list's filters as a JS test of one row (search and tags read their sets from SQLite). */
function predicate(query: Record<string, unknown>): (row: Row) => boolean {
  const tags = query.tags === undefined ? [] : String(query.tags).split(',');
  const tagSets = tags.map((tag) => seqSet('SELECT session_seq FROM session_tags WHERE tag_key = ?', tag));
  const searched =
    query.q === undefined
      ? null
      : seqSet('SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?', `"${String(query.q)}"*`);
  const plugins = query.plugin === undefined ? [] : [String(query.plugin).toLowerCase()];
  const key = query.key === undefined ? null : keyClass(parseKey(String(query.key))!);
  const tempoMin = query.tempoMin === undefined ? null : Number(query.tempoMin);
  const tempoMax = query.tempoMax === undefined ? null : Number(query.tempoMax);
  return (row) => {
    const project = projects.get(row.seq);
    return (
      (query.kind === undefined || row.kind === query.kind) &&
      (query.status === undefined || row.status_rank === SESSION_STATUSES.indexOf(query.status as never)) &&
      (query.recent !== true || row.last_opened !== null) &&
      (searched === null || searched.has(row.seq)) &&
      tagSets.every((set) => set.has(row.seq)) &&
      plugins.every((name) => project?.plugins.some((used) => used.toLowerCase() === name) === true) &&
      (key === null || project?.keyClass === key) &&
      (tempoMin === null || (project !== undefined && project.tempo >= tempoMin)) &&
      (tempoMax === null || (project !== undefined && project.tempo <= tempoMax)) &&
      (query.missingSamples !== true || project?.missingSamples === true)
    );
  };
}

function sortRows(rows: Row[], sort: string): Row[] {
  const descending = sort.startsWith('-');
  const column = COLUMN[sort.replace('-', '') as SortKey];
  return rows.sort((a, b) => (descending ? -compare(a, b, column) : compare(a, b, column)));
}

/** What `sessions.list({...request, collection})` must answer, computed in JS. */
function expected(
  collection: Collection,
  request: Record<string, unknown>,
): { ids: string[]; total: number } {
  const rows = allRows();
  const fromRequest = predicate(request);
  let matches: Row[];
  if (collection.kind === 'manual') {
    const order = members.get(collection.id)!;
    const place = new Map(order.map((id, index) => [id, index]));
    matches = rows.filter((row) => place.has(row.id) && fromRequest(row));
    if (request.sort === undefined && request.recent !== true)
      matches.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
    else sortRows(matches, String(request.sort ?? (request.recent ? '-lastOpened' : '-updatedAt')));
  } else {
    const saved = collection.query as Record<string, unknown>;
    const fromSaved = predicate({ ...saved, tags: (saved.tags as string[] | undefined)?.join(',') });
    matches = rows.filter((row) => fromSaved(row) && fromRequest(row));
    const recent = saved.recent === true || request.recent === true;
    sortRows(matches, String(request.sort ?? (recent ? '-lastOpened' : '-updatedAt')));
  }
  const offset = Number(request.offset ?? 0);
  const limit = Number(request.limit ?? 50);
  return { ids: matches.slice(offset, offset + limit).map((row) => row.id), total: matches.length };
}

/** Checks one page; returns how many rows it had (random tests make sure most pages hold some). */
function check(collection: Collection, request: Record<string, unknown>): number {
  const answer = t.core.sessions.list({ ...request, collection: collection.id });
  const want = expected(collection, request);
  expect({ request, total: answer.meta.total, ids: answer.data.map((s) => s.id) }).toEqual({
    request,
    total: want.total,
    ids: want.ids,
  });
  return want.ids.length;
}

function randomFilters(): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (random.chance(0.25)) query.kind = random.pick(KINDS);
  if (random.chance(0.2)) query.status = random.pick(SESSION_STATUSES);
  if (random.chance(0.2)) query.recent = true;
  if (random.chance(0.3)) query.q = random.pick(SEARCHES);
  if (random.chance(0.3)) {
    const first = random.pick(TAGS);
    const second = random.pick(TAGS);
    query.tags = first === second ? first : `${first},${second}`;
  }
  if (random.chance(0.2)) query.plugin = random.pick(PLUGINS);
  if (random.chance(0.15)) query.tempoMin = random.pick(TEMPOS);
  if (random.chance(0.15)) query.tempoMax = random.pick(TEMPOS) + 5;
  if (random.chance(0.15)) query.key = random.pick(KEYS);
  if (random.chance(0.1)) query.missingSamples = true;
  if ((query.tempoMin as number) > (query.tempoMax as number)) delete query.tempoMin;
  return query;
}

function randomRequest(collection: Collection): Record<string, unknown> {
  const request: Record<string, unknown> = { ...randomFilters(), limit: 1 + random.int(0, 80) };
  if (random.chance(0.5)) request.sort = `${random.chance(0.5) ? '-' : ''}${random.pick(SORT_KEYS)}`;
  const total = expected(collection, { ...request, offset: 0, limit: 1 }).total;
  request.offset = random.chance(0.3) ? 0 : random.int(0, total + 20);
  return request;
}

describe('a manual collection', () => {
  it('lists its members in its own order when no sort is given, page by page to the end', () => {
    for (const collection of [big, small, empty]) {
      for (const offset of [0, 50, 700, BIG - 50, BIG - 1, BIG, BIG + 10])
        check(collection, { offset, limit: 50 });
    }
    check(small, { limit: 500 });
  });

  it('in any order asked for, and recent=true keeps its own order (most recently opened first)', () => {
    for (const sort of SORT_KEYS) {
      for (const sign of ['', '-']) {
        for (const offset of [0, 100, 1024, BIG - 30])
          check(big, { sort: `${sign}${sort}`, offset, limit: 40 });
      }
    }
    check(big, { recent: true, limit: 50 });
    check(big, { recent: true, offset: 300, limit: 50 });
  });

  it('with a search or tags, members are one more match set: a large collection walks the sort index, a small one is sorted once', () => {
    const repository = new SessionsRepository(t.core.db);
    const seqOf = (collection: Collection): number =>
      t.core.db.prepare('SELECT seq FROM collections WHERE id = ?').pluck().get(collection.id) as number;
    const plan = (collection: Collection, query: Record<string, unknown>): string => {
      repository.list({ ...parseListQuery(query), collectionSeq: seqOf(collection) });
      return repository.lastPlan;
    };
    expect(plan(big, { sort: 'title', limit: 50 })).toBe('match-set walk');
    expect(plan(big, { sort: 'title', limit: 50, offset: 1300 })).toBe('match-set walk');
    expect(plan(small, { sort: 'title', limit: 50 })).toBe('match-set order');
    expect(plan(empty, { sort: 'title', limit: 50 })).toBe('empty');
  });

  it('random filters, orders and pages', () => {
    let pagesWithRows = 0;
    for (let i = 0; i < 150; i++) {
      const collection = random.pick([big, big, small, empty]);
      if (check(collection, randomRequest(collection)) > 0) pagesWithRows++;
    }
    expect(pagesWithRows).toBeGreaterThan(40);
  });

  it('answers the same inside a transaction (nothing remembered there)', () => {
    const requests = [
      { q: 'drums', limit: 30 },
      { q: 'drums', kind: KINDS[0], offset: 40, limit: 30 },
      { tags: 'mix', sort: 'title', offset: 200, limit: 30 },
      { status: 'draft', limit: 20 },
      { status: 'draft', sort: 'title', offset: 10, limit: 20 },
      { sort: '-createdAt', offset: 900, limit: 30 },
      { sort: 'kind', limit: 30 },
    ];
    const outside = requests.map((request) => t.core.sessions.list({ ...request, collection: big.id }));
    const inside = t.core.db.transaction(() =>
      requests.map((request) => t.core.sessions.list({ ...request, collection: big.id })),
    )();
    expect(inside).toEqual(outside);
    for (const request of requests) check(big, request);
  });
});

describe('a smart collection', () => {
  it('lists what its saved filters and the request’s match together, for random pairs', () => {
    let pagesWithRows = 0;
    for (let i = 0; i < 60; i++) {
      const saved = randomFilters();
      const smart = t.core.collections.create({ name: `Smart ${i}`, query: saved });
      for (let j = 0; j < 3; j++) if (check(smart, randomRequest(smart)) > 0) pagesWithRows++;
      expect(smart.sessionCount).toBe(expected(smart, { limit: 1 }).total);
      t.core.collections.delete(smart.id);
    }
    expect(pagesWithRows).toBeGreaterThan(40);
  });

  it('two plugins must both be used; contradicting filters match nothing', () => {
    const serum = t.core.collections.create({ name: 'Serum', query: { plugin: 'serum', tempoMin: 100 } });
    check(serum, { plugin: 'Diva' });
    check(serum, { tempoMax: 125, sort: 'title' });
    expect(t.core.sessions.list({ collection: serum.id, tempoMax: 95 }).meta.total).toBe(0);
    const ableton = t.core.collections.create({
      name: 'Only one kind',
      query: { kind: KINDS[0], key: 'A minor' },
    });
    expect(t.core.sessions.list({ collection: ableton.id, kind: KINDS[1] })).toEqual({
      data: [],
      meta: { total: 0, limit: 50, offset: 0 },
    });
    expect(t.core.sessions.list({ collection: ableton.id, key: 'C' }).meta.total).toBe(0);
    check(ableton, { key: 'a minor', kind: KINDS[0] });
  });

  it('a saved recent orders by last opened when no sort is given', () => {
    const opened = t.core.collections.create({ name: 'Opened', query: { recent: true, tags: 'mix' } });
    check(opened, { limit: 60 });
    check(opened, { sort: 'title', limit: 60 });
  });
});

describe('the collection parameter', () => {
  it('an id no collection has is a bad query value; an empty one lists everything', () => {
    expectAppError(
      () => t.core.sessions.list({ collection: 'collection_gone' }),
      'invalid_input',
      'collection must name an existing collection: collection_gone not found',
    );
    expectAppError(
      () => t.core.sessions.list({ collection: 42 }),
      'invalid_input',
      'collection must be a collection id (at most 100 characters, no control characters)',
    );
    expectAppError(() => t.core.sessions.list({ collection: 'x'.repeat(101) }), 'invalid_input');
    expect(t.core.sessions.list({ collection: '', limit: 5 })).toEqual(t.core.sessions.list({ limit: 5 }));
  });

  it('follows every change at once: pages remembered before a write are not served after it', () => {
    const album = manual('Album', ids.slice(0, 30));
    const requests = [
      { limit: 10 },
      { q: 'drums', limit: 10 },
      { sort: 'title', limit: 10 },
      { tags: 'mix' },
    ];
    const checkAll = (): void => requests.forEach((request) => check(album, request));
    checkAll();
    t.core.collections.addSessions(album.id, { sessionIds: ids.slice(100, 160), position: 5 });
    members.set(album.id, [...ids.slice(0, 5), ...ids.slice(100, 160), ...ids.slice(5, 30)]);
    checkAll();
    t.core.collections.removeSession(album.id, ids[100]!);
    members.set(
      album.id,
      members.get(album.id)!.filter((id) => id !== ids[100]),
    );
    checkAll();
    t.core.sessions.delete(ids[101]!);
    members.set(
      album.id,
      members.get(album.id)!.filter((id) => id !== ids[101]),
    );
    checkAll();
    const reordered = random.shuffle(members.get(album.id)!);
    t.core.collections.setSessions(album.id, { sessionIds: reordered });
    members.set(album.id, reordered);
    checkAll();
    // A smart collection's new filters apply at once too.
    const smart = t.core.collections.create({ name: 'Changing', query: { tags: 'mix' } });
    check(smart, { limit: 20 });
    const changed = t.core.collections.update(smart.id, { query: { tags: 'demo', q: 'night' } });
    check(changed, { limit: 20 });
  });
});
