// meta.total of an unfiltered list comes from the session count kept by triggers (migration 006),
// not from a COUNT(*) per page: it must always equal the number of sessions, whatever wrote them.
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_KINDS, SESSION_STATUSES } from '../../src/shared/domain';
import { createCore } from '../../src/main/core/create-core';
import { createTempCore, type TempCore } from '../helpers/temp-core';

let t: TempCore | undefined;
afterEach(() => t?.cleanup());

function counted(tc: TempCore): { total: number; actual: number } {
  return {
    total: tc.core.sessions.list({ limit: 1 }).meta.total,
    actual: tc.core.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number,
  };
}

describe('unfiltered meta.total', () => {
  it('follows create, createMany, delete, restore and failed writes', () => {
    t = createTempCore();
    const tc = t;
    const expectTotal = (n: number): void => expect(counted(tc)).toEqual({ total: n, actual: n });
    expectTotal(0);

    const first = tc.core.sessions.create({ title: 'One', tags: ['mix'] });
    expectTotal(1);
    const many = tc.core.sessions.createMany(
      Array.from({ length: 25 }, (_, i) => ({ title: `Many ${i}`, tags: i % 2 ? ['mix'] : [] })),
    );
    expectTotal(26);
    // A batch with one invalid item writes nothing.
    expect(() => tc.core.sessions.createMany([{ title: 'ok' }, { title: '' }])).toThrow();
    expectTotal(26);

    tc.core.sessions.delete(first.id);
    tc.core.sessions.delete(many[3]!);
    expectTotal(24);
    tc.core.sessions.restore(first.id);
    expectTotal(25);

    // A transaction that fails half-way leaves the count as it was.
    expect(() =>
      tc.core.db.transaction(() => {
        tc.core.sessions.create({ title: 'Rolled back' });
        throw new Error('stop');
      })(),
    ).toThrow('stop');
    expectTotal(25);

    // Filtered totals still count the matches, and the pages agree with the total.
    expect(tc.core.sessions.list({ tags: 'mix', limit: 500 }).meta.total).toBe(12);
    expect(tc.core.sessions.list({ limit: 500 }).data).toHaveLength(25);
    expect(tc.core.sessions.list({ limit: 10, offset: 20 }).data).toHaveLength(5);
    expect(tc.core.sessions.list({ limit: 10, offset: 25 })).toMatchObject({
      data: [],
      meta: { total: 25, limit: 10, offset: 25 },
    });
  });

  it('is right after the library is closed and opened again', () => {
    t = createTempCore();
    t.core.sessions.createMany(Array.from({ length: 7 }, (_, i) => ({ title: `S ${i}` })));
    t.core.close();
    const reopened = createCore({ dataDir: t.dir });
    try {
      expect(reopened.sessions.list({ limit: 1 }).meta.total).toBe(7);
    } finally {
      reopened.close();
    }
  });
});

// The sidebar's counts (one kind, one status, "recent") come from counts kept by triggers
// (migration 008): after any mix of writes they must equal a real count.
describe('kind, status and recent totals', () => {
  it('follow creates, patches, opens, deletes, restores, failed writes and plain SQL', () => {
    t = createTempCore();
    const tc = t;
    const expectCounts = (): void => {
      const real = (where: string, value?: string): number =>
        tc.core.db
          .prepare(`SELECT count(*) FROM sessions WHERE ${where}`)
          .pluck()
          .get(...(value === undefined ? [] : [value])) as number;
      const listed = (query: Record<string, unknown>): number =>
        tc.core.sessions.list({ ...query, limit: 1 }).meta.total;
      for (const kind of SESSION_KINDS)
        expect([kind, listed({ kind })]).toEqual([kind, real('kind = ?', kind)]);
      for (const status of SESSION_STATUSES)
        expect([status, listed({ status })]).toEqual([status, real('status = ?', status)]);
      expect(listed({ recent: true })).toBe(real('last_opened IS NOT NULL'));
    };
    expectCounts();
    const ids = tc.core.sessions.createMany(
      Array.from({ length: 40 }, (_, i) => ({
        title: `S ${i}`,
        kind: SESSION_KINDS[i % SESSION_KINDS.length],
        status: SESSION_STATUSES[i % SESSION_STATUSES.length],
      })),
    );
    expectCounts();
    tc.core.sessions.patch(ids[0]!, { kind: SESSION_KINDS[1], status: 'done' });
    tc.core.sessions.patch(ids[1]!, { title: 'Only the title' });
    tc.core.sessions.markOpened(ids[2]!);
    tc.core.sessions.markOpened(ids[2]!);
    tc.core.sessions.markOpened(ids[3]!);
    expectCounts();
    tc.core.sessions.delete(ids[3]!);
    tc.core.sessions.delete(ids[4]!);
    expectCounts();
    tc.core.sessions.restore(ids[3]!);
    expectCounts();
    expect(() =>
      tc.core.db.transaction(() => {
        tc.core.sessions.patch(ids[5]!, { status: 'archived' });
        throw new Error('stop');
      })(),
    ).toThrow('stop');
    expectCounts();
    tc.core.db.exec(
      "UPDATE sessions SET last_opened = NULL WHERE seq % 2 = 0; UPDATE sessions SET kind = 'Reaper'",
    );
    expectCounts();
    tc.core.db.exec('DELETE FROM sessions');
    expectCounts();
  });
});
