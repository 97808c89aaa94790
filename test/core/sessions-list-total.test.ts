// meta.total of an unfiltered list comes from the session count kept by triggers (migration 006),
// not from a COUNT(*) per page: it must always equal the number of sessions, whatever wrote them.
import { afterEach, describe, expect, it } from 'vitest';
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
