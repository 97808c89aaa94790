// The session list query of local-api.md §5 ("List"): filters, sorting with id tie-breaks,
// paging with meta.total, query-string style values, and prefix / accent-insensitive search.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_STATUSES, SORT_KEYS, type Session, type SortKey } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';
import { createCore } from '../../src/main/core/create-core';
import { createTempCore, expectAppError, recordEvents, type TempCore } from '../helpers/temp-core';

const at = (second: number): string => new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString();

function ids(sessions: readonly Session[]): string[] {
  return sessions.map((session) => session.id);
}

function titles(sessions: readonly Session[]): string[] {
  return sessions.map((session) => session.title);
}

/** Runs a list query in which every term is a search; returns the matching titles, sorted. */
function searchTitles(t: TempCore, q: string, extra: Record<string, unknown> = {}): string[] {
  return titles(t.core.sessions.list({ q, limit: 500, ...extra }).data).sort();
}

describe('filters', () => {
  let t: TempCore;
  const byTitle = new Map<string, Session>();

  beforeAll(() => {
    t = createTempCore();
    const make = (body: Record<string, unknown>): void => {
      const session = t.core.sessions.create(body);
      byTitle.set(session.title, session);
    };
    make({ title: 'Able 1', kind: 'Ableton', status: 'mixing', tags: ['Rock', 'Live', 'demo'] });
    make({ title: 'Able 2', kind: 'Ableton', status: 'done', tags: ['rock'] });
    make({ title: 'Logic 1', kind: 'Logic Pro', status: 'mixing', tags: ['LIVE', 'Rock'] });
    make({ title: 'FL 1', kind: 'FL Studio', status: 'idea', tags: ['Lo Fi', 'Été'] });
    make({ title: 'Other 1', status: 'archived', tags: [] });
    // Opened in an order unrelated to creation, some at the same instant.
    t.clock.set(at(30));
    t.core.sessions.markOpened(byTitle.get('Logic 1')!.id);
    t.clock.set(at(10));
    t.core.sessions.markOpened(byTitle.get('FL 1')!.id);
    t.clock.set(at(20));
    t.core.sessions.markOpened(byTitle.get('Able 2')!.id);
    t.clock.set(at(20));
    t.core.sessions.markOpened(byTitle.get('Other 1')!.id);
  });

  afterAll(() => t.cleanup());

  const list = (query: Record<string, unknown>): Session[] => t.core.sessions.list(query).data;

  it('returns every session without a filter', () => {
    const result = t.core.sessions.list();
    expect(result.data).toHaveLength(5);
    expect(result.meta).toEqual({ total: 5, limit: 50, offset: 0 });
    expect(t.core.sessions.list({}).data).toEqual(result.data);
  });

  it.each(['Ableton', 'ableton', 'ABLETON', 'aBLETON'])('filters by kind %s case-insensitively', (kind) => {
    expect(titles(list({ kind })).sort()).toEqual(['Able 1', 'Able 2']);
  });

  it.each(['Logic Pro', 'logic pro', 'LOGIC PRO'])('accepts daw=%s as an alias of kind', (daw) => {
    expect(titles(list({ daw }))).toEqual(['Logic 1']);
  });

  it('filters by a kind nobody uses to an empty list', () => {
    const result = t.core.sessions.list({ kind: 'Reaper' });
    expect(result.data).toEqual([]);
    expect(result.meta.total).toBe(0);
  });

  it('accepts kind and daw together when they name the same kind in different cases', () => {
    expect(titles(list({ kind: 'fl studio', daw: 'FL STUDIO' }))).toEqual(['FL 1']);
  });

  it('refuses kind and daw that differ', () => {
    const error = expectAppError(() => list({ kind: 'Ableton', daw: 'Logic Pro' }), 'invalid_input');
    expect(error.message).toMatch(/kind/);
    expect(error.message).toMatch(/daw/);
  });

  it('refuses an unknown kind or daw, naming the parameter', () => {
    expectAppError(() => list({ kind: 'Garage' }), 'invalid_input', 'kind');
    expectAppError(() => list({ daw: 'Live 12' }), 'invalid_input', 'daw');
  });

  it.each(SESSION_STATUSES.map((status) => [status]))('filters by status %s', (status) => {
    const expected = [...byTitle.values()].filter((session) => session.status === status).map((s) => s.title);
    expect(titles(list({ status })).sort()).toEqual(expected.sort());
  });

  it('refuses an unknown status', () => {
    expectAppError(() => list({ status: 'finished' }), 'invalid_input', 'status');
  });

  it('filters by one tag, case-insensitively', () => {
    expect(titles(list({ tags: 'rock' })).sort()).toEqual(['Able 1', 'Able 2', 'Logic 1']);
    expect(titles(list({ tags: 'ROCK' })).sort()).toEqual(['Able 1', 'Able 2', 'Logic 1']);
    expect(titles(list({ tags: 'été' }))).toEqual(['FL 1']);
    expect(titles(list({ tags: 'ÉTÉ' }))).toEqual(['FL 1']);
  });

  it('requires every comma-separated tag (AND)', () => {
    expect(titles(list({ tags: 'rock,live' })).sort()).toEqual(['Able 1', 'Logic 1']);
    expect(titles(list({ tags: 'Rock,Live,Demo' }))).toEqual(['Able 1']);
    expect(titles(list({ tags: 'rock,lo fi' }))).toEqual([]);
  });

  it('requires every repeated tag (AND), also mixed with commas', () => {
    expect(titles(list({ tags: ['rock', 'live'] })).sort()).toEqual(['Able 1', 'Logic 1']);
    expect(titles(list({ tags: ['rock,live', 'DEMO'] }))).toEqual(['Able 1']);
    expect(titles(list({ tags: ['rock', 'nope'] }))).toEqual([]);
  });

  it('normalises tag filter values like tags (trim, collapse whitespace), ignoring empty parts', () => {
    expect(titles(list({ tags: '  Rock , live  ' })).sort()).toEqual(['Able 1', 'Logic 1']);
    expect(titles(list({ tags: 'lo   fi' }))).toEqual(['FL 1']);
    expect(titles(list({ tags: 'rock,,live,' })).sort()).toEqual(['Able 1', 'Logic 1']);
  });

  it('counts only matching sessions in meta.total', () => {
    expect(t.core.sessions.list({ tags: 'rock', limit: 1 }).meta).toEqual({ total: 3, limit: 1, offset: 0 });
  });

  it('combines filters with AND', () => {
    expect(titles(list({ kind: 'ableton', status: 'mixing', tags: 'rock' }))).toEqual(['Able 1']);
    expect(titles(list({ kind: 'ableton', status: 'done', tags: 'live' }))).toEqual([]);
    expect(titles(list({ status: 'mixing', tags: 'live', q: 'logic' }))).toEqual(['Logic 1']);
  });

  it('recent=true lists only opened sessions, most recently opened first, ties by id descending', () => {
    const tied = [byTitle.get('Able 2')!.id, byTitle.get('Other 1')!.id].sort().reverse();
    const expected = [byTitle.get('Logic 1')!.id, ...tied, byTitle.get('FL 1')!.id];
    const recent = list({ recent: true });
    expect(ids(recent)).toEqual(expected);
    expect(recent.every((session) => session.lastOpened !== null)).toBe(true);
    expect(ids(list({ recent: 'true' }))).toEqual(expected);
    expect(t.core.sessions.list({ recent: 'true' }).meta.total).toBe(4);
  });

  it('recent=true combines with filters and an explicit sort', () => {
    expect(titles(list({ recent: true, kind: 'ableton' }))).toEqual(['Able 2']);
    expect(titles(list({ recent: 'true', sort: 'title' }))).toEqual(['Able 2', 'FL 1', 'Logic 1', 'Other 1']);
  });

  it('recent=false (or "false") lists every session', () => {
    expect(t.core.sessions.list({ recent: false }).meta.total).toBe(5);
    expect(t.core.sessions.list({ recent: 'false' }).meta.total).toBe(5);
  });

  it('refuses a recent value that is not true or false', () => {
    expectAppError(() => list({ recent: 'yes' }), 'invalid_input', 'recent');
    expectAppError(() => list({ recent: 1 }), 'invalid_input', 'recent');
  });
});

describe('sorting', () => {
  let t: TempCore;
  let all: Session[];

  beforeAll(() => {
    t = createTempCore();
    // [title, kind, status, created second]; several ties on purpose.
    const rows: [string, string, string, number][] = [
      ['banana', 'Ableton', 'mixing', 1],
      ['Apple', 'Reaper', 'idea', 2],
      ['Émile', 'Ableton', 'done', 3],
      ['apple', 'Bitwig', 'draft', 3],
      ['cherry', 'Reaper', 'in-progress', 4],
      ['Zed', 'DAWproject', 'archived', 5],
      ['delta', 'Other', 'mastering', 5],
      ['echo', 'Ableton', 'mixing', 6],
      ['APPLE', 'Studio One', 'idea', 7],
    ];
    const created = rows.map(([title, kind, status, second]) => {
      t.clock.set(at(second));
      return t.core.sessions.create({ title, kind, status });
    });
    // Updates in an order unrelated to creation, with ties.
    const updates: [number, number][] = [
      [0, 40],
      [4, 40],
      [1, 35],
      [7, 50],
      [2, 35],
    ];
    for (const [index, second] of updates) {
      t.clock.set(at(second));
      t.core.sessions.patch(created[index]!.id, { client: `client ${index}` });
    }
    // Every session opened, so lastOpened never compares with null; ties on purpose.
    const opened = [60, 70, 65, 60, 80, 75, 70, 62, 61];
    created.forEach((session, index) => {
      t.clock.set(at(opened[index]!));
      t.core.sessions.markOpened(session.id);
    });
    all = t.core.sessions.list({ limit: 500 }).data;
    expect(all).toHaveLength(rows.length);
  });

  afterAll(() => t.cleanup());

  const fold = (title: string): string => title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const primary: Record<SortKey, (a: Session, b: Session) => number> = {
    title: (a, b) => compareText(fold(a.title), fold(b.title)),
    lastOpened: (a, b) => compareText(a.lastOpened!, b.lastOpened!),
    createdAt: (a, b) => compareText(a.createdAt, b.createdAt),
    updatedAt: (a, b) => compareText(a.updatedAt, b.updatedAt),
    status: (a, b) => SESSION_STATUSES.indexOf(a.status) - SESSION_STATUSES.indexOf(b.status),
    kind: (a, b) => compareText(a.kind, b.kind),
  };

  function expectedOrder(key: SortKey, descending: boolean): string[] {
    const sign = descending ? -1 : 1;
    return [...all]
      .sort((a, b) => sign * (primary[key](a, b) || compareText(a.id, b.id)))
      .map((session) => session.id);
  }

  it('the fixture has ties on every sort key', () => {
    for (const key of SORT_KEYS) {
      const values = all.map((session) => (key === 'title' ? fold(session.title) : session[key]));
      expect(new Set(values).size, key).toBeLessThan(values.length);
    }
  });

  describe.each(SORT_KEYS.map((key) => [key]))('by %s', (key) => {
    it('ascending, ties broken by id ascending', () => {
      expect(ids(t.core.sessions.list({ sort: key }).data)).toEqual(expectedOrder(key, false));
    });

    it('descending, ties broken by id descending', () => {
      expect(ids(t.core.sessions.list({ sort: `-${key}` }).data)).toEqual(expectedOrder(key, true));
    });
  });

  it('sorts titles ignoring case and accents', () => {
    const sorted = titles(t.core.sessions.list({ sort: 'title' }).data);
    expect(sorted.slice(0, 3).map((title) => title.toLowerCase())).toEqual(['apple', 'apple', 'apple']);
    expect(sorted.slice(3)).toEqual(['banana', 'cherry', 'delta', 'echo', 'Émile', 'Zed']);
  });

  it('sorts status in workflow order, not alphabetically', () => {
    const statuses = t.core.sessions.list({ sort: 'status' }).data.map((session) => session.status);
    expect(statuses).toEqual([
      'idea',
      'idea',
      'draft',
      'in-progress',
      'mixing',
      'mixing',
      'mastering',
      'done',
      'archived',
    ]);
  });

  it('sorts kind by its canonical name', () => {
    const kinds = t.core.sessions.list({ sort: 'kind' }).data.map((session) => session.kind);
    expect(kinds).toEqual([
      'Ableton',
      'Ableton',
      'Ableton',
      'Bitwig',
      'DAWproject',
      'Other',
      'Reaper',
      'Reaper',
      'Studio One',
    ]);
  });

  it('defaults to -updatedAt', () => {
    expect(ids(t.core.sessions.list().data)).toEqual(expectedOrder('updatedAt', true));
    expect(ids(t.core.sessions.list({ sort: '' }).data)).toEqual(expectedOrder('updatedAt', true));
  });

  it('defaults to -lastOpened with recent=true', () => {
    expect(ids(t.core.sessions.list({ recent: true }).data)).toEqual(expectedOrder('lastOpened', true));
  });

  it('keeps the same order across pages', () => {
    for (const key of SORT_KEYS) {
      for (const sort of [key, `-${key}`]) {
        const pages = [0, 4, 8].flatMap((offset) => t.core.sessions.list({ sort, limit: 4, offset }).data);
        expect(ids(pages), sort).toEqual(ids(t.core.sessions.list({ sort }).data));
      }
    }
  });

  it('sorts by the current title after a rename', () => {
    const other = createTempCore();
    try {
      const a = other.core.sessions.create({ title: 'Alpha' });
      const b = other.core.sessions.create({ title: 'Beta' });
      expect(ids(other.core.sessions.list({ sort: 'title' }).data)).toEqual([a.id, b.id]);
      other.core.sessions.patch(a.id, { title: 'Zulu' });
      expect(ids(other.core.sessions.list({ sort: 'title' }).data)).toEqual([b.id, a.id]);
      expect(ids(other.core.sessions.list({ sort: '-title' }).data)).toEqual([a.id, b.id]);
    } finally {
      other.cleanup();
    }
  });

  it.each(['name', 'Title', '-', '--title', '+title', 'title,-kind', 'id'])('refuses sort=%s', (sort) => {
    expectAppError(() => t.core.sessions.list({ sort }), 'invalid_input', 'sort');
  });

  it('refuses a non-string or repeated sort', () => {
    expectAppError(() => t.core.sessions.list({ sort: 1 }), 'invalid_input', 'sort');
    expectAppError(() => t.core.sessions.list({ sort: ['title', '-title'] }), 'invalid_input', 'sort');
  });
});

describe('paging', () => {
  let t: TempCore;
  let full: string[];

  beforeAll(() => {
    t = createTempCore();
    t.core.db.transaction(() => {
      for (let i = 0; i < 60; i++)
        t.core.sessions.create({ title: `Song ${i}`, tags: i % 3 === 0 ? ['third'] : [] });
    })();
    full = ids(t.core.sessions.list({ limit: 500 }).data);
    expect(full).toHaveLength(60);
  });

  afterAll(() => t.cleanup());

  it('defaults to limit 50, offset 0, and counts all matches in meta.total', () => {
    const result = t.core.sessions.list();
    expect(result.data).toHaveLength(50);
    expect(ids(result.data)).toEqual(full.slice(0, 50));
    expect(result.meta).toEqual({ total: 60, limit: 50, offset: 0 });
  });

  it('pages with limit and offset', () => {
    const pages: string[] = [];
    for (let offset = 0; offset < 60; offset += 7) {
      const result = t.core.sessions.list({ limit: 7, offset });
      expect(result.meta).toEqual({ total: 60, limit: 7, offset });
      pages.push(...ids(result.data));
    }
    expect(pages).toEqual(full);
  });

  it('reports the total on a partial last page', () => {
    const result = t.core.sessions.list({ limit: 25, offset: 50 });
    expect(ids(result.data)).toEqual(full.slice(50));
    expect(result.meta).toEqual({ total: 60, limit: 25, offset: 50 });
  });

  it('reports the total when the offset is at or beyond the end', () => {
    expect(t.core.sessions.list({ offset: 60 })).toEqual({
      data: [],
      meta: { total: 60, limit: 50, offset: 60 },
    });
    expect(t.core.sessions.list({ offset: 1000 })).toEqual({
      data: [],
      meta: { total: 60, limit: 50, offset: 1000 },
    });
    expect(t.core.sessions.list({ tags: 'third', offset: 100 }).meta.total).toBe(20);
  });

  it('reports the total of a filtered first page that is not full', () => {
    const result = t.core.sessions.list({ tags: 'third', limit: 50 });
    expect(result.data).toHaveLength(20);
    expect(result.meta.total).toBe(20);
    expect(t.core.sessions.list({ tags: 'third', limit: 5, offset: 5 }).meta).toEqual({
      total: 20,
      limit: 5,
      offset: 5,
    });
  });

  it('accepts limit 1 and 500', () => {
    expect(t.core.sessions.list({ limit: 1 }).data).toHaveLength(1);
    expect(t.core.sessions.list({ limit: 500 }).data).toHaveLength(60);
  });

  it('accepts values as query-string strings and returns them as numbers', () => {
    const result = t.core.sessions.list({ limit: '10', offset: '5', sort: 'title', recent: 'false' });
    expect(result.meta).toEqual({ total: 60, limit: 10, offset: 5 });
    expect(ids(result.data)).toEqual(
      ids(t.core.sessions.list({ sort: 'title', limit: 500 }).data).slice(5, 15),
    );
  });

  it('treats an empty query-string value as not given', () => {
    expect(t.core.sessions.list({ limit: '', offset: '' }).meta).toEqual({ total: 60, limit: 50, offset: 0 });
  });

  it.each([
    ['0', 0],
    ['501', 501],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ["'0'", '0'],
    ["'501'", '501'],
    ["'1.5'", '1.5'],
    ["'abc'", 'abc'],
    ["'10abc'", '10abc'],
    ["'1e2'", '1e2'],
    ["'0x10'", '0x10'],
    ['a boolean', true],
    ['a repeated value', ['10', '20']],
  ])('refuses limit %s', (_label, limit) => {
    expectAppError(() => t.core.sessions.list({ limit }), 'invalid_input', 'limit');
  });

  it.each([
    ['-1', -1],
    ['1.5', 1.5],
    ["'-1'", '-1'],
    ["'1.5'", '1.5'],
    ["'x'", 'x'],
    ["'99999999999999999999'", '99999999999999999999'],
    ['a repeated value', ['0', '1']],
  ])('refuses offset %s', (_label, offset) => {
    expectAppError(() => t.core.sessions.list({ offset }), 'invalid_input', 'offset');
  });
});

describe('query shape', () => {
  let t: TempCore;

  beforeAll(() => {
    t = createTempCore();
    t.core.sessions.create({ title: 'Only' });
  });

  afterAll(() => t.cleanup());

  it.each([['foo'], ['page'], ['Q'], ['tag'], ['order'], ['token']])(
    'refuses the unknown parameter %s, naming it',
    (name) => {
      expectAppError(() => t.core.sessions.list({ [name]: '1' }), 'invalid_input', name);
    },
  );

  it('refuses a query that is not an object', () => {
    expectAppError(() => t.core.sessions.list('q=x'), 'invalid_input');
    expectAppError(() => t.core.sessions.list(null), 'invalid_input');
    expectAppError(() => t.core.sessions.list([]), 'invalid_input');
  });

  it('refuses a repeated single-valued parameter', () => {
    expectAppError(() => t.core.sessions.list({ q: ['a', 'b'] }), 'invalid_input', 'q');
    expectAppError(() => t.core.sessions.list({ kind: ['Ableton', 'Reaper'] }), 'invalid_input', 'kind');
  });

  it('fires no event', () => {
    const recorder = recordEvents(t.core);
    t.core.sessions.list({ q: 'only', sort: 'title' });
    recorder.stop();
    expect(recorder.events).toEqual([]);
  });
});

describe('search (q)', () => {
  let t: TempCore;
  let byTitle: Map<string, Session>;

  beforeEach(() => {
    t = createTempCore();
    byTitle = new Map();
    const make = (title: string, client = '', notes = ''): void => {
      byTitle.set(title, t.core.sessions.create({ title, client, notes }));
    };
    make('Café Sessions', 'Acme Records', 'warm tape delay');
    make('cafe racer');
    make('Drums Overdub', 'Smith & Co', 'kick drum retake');
    make('Night Drive', 'Émilie Durand', 'synthwave, bridge section');
    make('Rumba');
    make('CAFÉ CRÈME', '', 'naïve idea');
  });

  afterEach(() => t.cleanup());

  const CAFES = ['CAFÉ CRÈME', 'Café Sessions', 'cafe racer'];

  it('matches case- and accent-insensitively in both directions', () => {
    expect(searchTitles(t, 'cafe')).toEqual(CAFES);
    expect(searchTitles(t, 'Café')).toEqual(CAFES);
    expect(searchTitles(t, 'CAFÉ')).toEqual(CAFES);
    expect(searchTitles(t, 'CAFE')).toEqual(CAFES);
    expect(searchTitles(t, 'cafe\u0301')).toEqual(CAFES); // decomposed é
    expect(searchTitles(t, 'creme')).toEqual(['CAFÉ CRÈME']);
    expect(searchTitles(t, 'naive')).toEqual(['CAFÉ CRÈME']);
    expect(searchTitles(t, 'émilie')).toEqual(['Night Drive']);
    expect(searchTitles(t, 'EMILIE')).toEqual(['Night Drive']);
  });

  it('matches text stored with decomposed accents', () => {
    t.core.sessions.create({ title: 'Decomposed', notes: 'Ame\u0301lie au cafe\u0301' });
    expect(searchTitles(t, 'amelie')).toEqual(['Decomposed']);
    expect(searchTitles(t, 'AMÉLIE')).toEqual(['Decomposed']);
    expect(searchTitles(t, 'au café')).toEqual(['Decomposed']);
  });

  it('matches the start of a word (prefix)', () => {
    expect(searchTitles(t, 'caf')).toEqual(CAFES);
    expect(searchTitles(t, 'ses')).toEqual(['Café Sessions']);
    expect(searchTitles(t, 'over')).toEqual(['Drums Overdub']);
    expect(searchTitles(t, 'synth')).toEqual(['Night Drive']);
  });

  it('does not match in the middle of a word', () => {
    expect(searchTitles(t, 'rum')).toEqual(['Rumba']); // not "Drums"
    expect(searchTitles(t, 'ums')).toEqual([]);
    expect(searchTitles(t, 'wave')).toEqual([]); // "synthwave"
    expect(searchTitles(t, 'afe')).toEqual([]);
    expect(searchTitles(t, 'dub')).toEqual([]); // "Overdub"
  });

  it('searches title, client and notes', () => {
    expect(searchTitles(t, 'acme')).toEqual(['Café Sessions']);
    expect(searchTitles(t, 'durand')).toEqual(['Night Drive']);
    expect(searchTitles(t, 'retake')).toEqual(['Drums Overdub']);
    expect(searchTitles(t, 'tape')).toEqual(['Café Sessions']);
  });

  it('requires every term to match (AND), across fields', () => {
    expect(searchTitles(t, 'cafe tape')).toEqual(['Café Sessions']);
    expect(searchTitles(t, 'cafe acme')).toEqual(['Café Sessions']);
    expect(searchTitles(t, 'cafe rac')).toEqual(['cafe racer']);
    expect(searchTitles(t, 'cafe smith')).toEqual([]);
    expect(searchTitles(t, 'kick drum smith')).toEqual(['Drums Overdub']);
  });

  it('ignores extra whitespace between and around terms', () => {
    expect(searchTitles(t, '  cafe \t  tape  ')).toEqual(['Café Sessions']);
  });

  it('an empty q matches everything', () => {
    expect(t.core.sessions.list({ q: '' }).meta.total).toBe(6);
    expect(t.core.sessions.list({ q: '   ' }).meta.total).toBe(6);
  });

  it('treats FTS operators as plain words', () => {
    expect(searchTitles(t, '"cafe"')).toEqual(CAFES);
    expect(searchTitles(t, 'caf*')).toEqual(CAFES);
    expect(searchTitles(t, '(cafe)')).toEqual(CAFES);
    // As an operator, OR would widen the search; as a word, no session has one starting with "or".
    expect(searchTitles(t, 'cafe OR drums')).toEqual([]);
    // As an operator, NOT / a leading "-" would exclude "tape"; as words, they must match.
    expect(searchTitles(t, 'cafe -tape')).toEqual(['Café Sessions']);
    expect(searchTitles(t, 'cafe NOT tape')).toEqual([]);
    expect(searchTitles(t, 'cafe AND')).toEqual([]);
    // A column filter is not honoured: "title:" is just text.
    expect(searchTitles(t, 'notes:kick')).toEqual([]);
  });

  it.each([
    ['a lone double quote', '"'],
    ['an unbalanced quote', '"cafe'],
    ['quotes inside a word', 'ca"fe'],
    ['doubled quotes', '""""'],
    ['a single quote', "caf'e"],
    ['a star', '*'],
    ['a leading star', '*cafe'],
    ['a minus', '-'],
    ['a plus', '+cafe'],
    ['OR alone', 'OR'],
    ['AND alone', 'AND'],
    ['NOT alone', 'NOT'],
    ['NEAR(', 'NEAR('],
    ['a NEAR group', 'NEAR(cafe tape, 2)'],
    ['an open parenthesis', '('],
    ['a close parenthesis', ')'],
    ['unbalanced parentheses', '(cafe OR (tape'],
    ['a caret', '^cafe'],
    ['a colon', ':'],
    ['a column filter', 'title:cafe'],
    ['braces', '{title notes}: cafe'],
    ['a backslash', 'cafe\\'],
    ['a semicolon and comment', "cafe'; DROP TABLE sessions; --"],
    ['punctuation only', '!@#$%^&*()_+=[]{}|;:,.<>/?~`'],
  ])('never throws for %s', (_label, q) => {
    const result = t.core.sessions.list({ q });
    expect(result.meta.total).toBe(result.data.length);
    expect(t.core.sessions.list().meta.total).toBe(6);
  });

  it('never escapes a raw database error for control characters in q', () => {
    // Malformed input must never become a 5xx: either a result or invalid_input.
    for (const q of ['caf\u0000e', '\u0000', 'cafe\u0000', 'ca\u0007fe', 'cafe\u001b[0m']) {
      try {
        t.core.sessions.list({ q });
      } catch (error) {
        expect(error, JSON.stringify(q)).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_input');
      }
    }
  });

  it('combines q with filters, paging and meta.total', () => {
    t.core.sessions.patch(byTitle.get('cafe racer')!.id, { status: 'done' });
    expect(searchTitles(t, 'cafe', { status: 'done' })).toEqual(['cafe racer']);
    const page = t.core.sessions.list({ q: 'cafe', limit: 1, offset: 1, sort: 'title' });
    expect(page.meta).toEqual({ total: 3, limit: 1, offset: 1 });
    expect(titles(page.data)).toHaveLength(1);
  });

  it('follows title, client and notes patches', () => {
    const racer = byTitle.get('cafe racer')!;
    t.core.sessions.patch(racer.id, { title: 'Tea Time' });
    expect(searchTitles(t, 'racer')).toEqual([]);
    expect(searchTitles(t, 'tea')).toEqual(['Tea Time']);
    expect(searchTitles(t, 'cafe')).toEqual(['CAFÉ CRÈME', 'Café Sessions']);

    t.core.sessions.patch(racer.id, { client: 'Zebra Music' });
    expect(searchTitles(t, 'zebra')).toEqual(['Tea Time']);
    t.core.sessions.patch(racer.id, { client: null });
    expect(searchTitles(t, 'zebra')).toEqual([]);

    const drums = byTitle.get('Drums Overdub')!;
    t.core.sessions.patch(drums.id, { notes: 'brand new words' });
    expect(searchTitles(t, 'retake')).toEqual([]);
    expect(searchTitles(t, 'brand')).toEqual(['Drums Overdub']);
  });

  it('follows setNotes', () => {
    const rumba = byTitle.get('Rumba')!;
    t.core.sessions.setNotes(rumba.id, { notes: 'Marimba overdubs' });
    expect(searchTitles(t, 'marim')).toEqual(['Rumba']);
    t.core.sessions.setNotes(rumba.id, { notes: null });
    expect(searchTitles(t, 'marim')).toEqual([]);
  });

  it('is not affected by patches to other fields', () => {
    const session = byTitle.get('Café Sessions')!;
    t.core.sessions.patch(session.id, { status: 'done', tags: ['x'], accent: 'red' });
    t.core.sessions.markOpened(session.id);
    expect(searchTitles(t, 'acme tape')).toEqual(['Café Sessions']);
  });

  it('forgets deleted sessions', () => {
    t.core.sessions.delete(byTitle.get('Café Sessions')!.id);
    expect(searchTitles(t, 'cafe')).toEqual(['CAFÉ CRÈME', 'cafe racer']);
    expect(searchTitles(t, 'acme')).toEqual([]);
    expect(t.core.sessions.list({ q: 'tape' }).meta.total).toBe(0);
    // A new session reusing the words is found, and only it.
    t.core.sessions.create({ title: 'Tape Loop', notes: 'acme' });
    expect(searchTitles(t, 'acme')).toEqual(['Tape Loop']);
  });

  it('keeps the index in the library file: a core reopened on it finds the same sessions', () => {
    t.core.sessions.patch(byTitle.get('Rumba')!.id, { notes: 'persisted words' });
    t.core.close();
    const reopened = createCore({ dataDir: t.dir, clock: t.clock });
    try {
      expect(titles(reopened.sessions.list({ q: 'cafe' }).data).sort()).toEqual(CAFES);
      expect(titles(reopened.sessions.list({ q: 'persisted' }).data)).toEqual(['Rumba']);
    } finally {
      reopened.close();
    }
  });
});
