// The arithmetic of multi-select and drag (issue 13 §1), without a window.
import { describe, expect, it } from 'vitest';
import {
  inListOrder,
  missingStretches,
  rangeBetween,
  toggleId,
} from '../../src/renderer/src/lib/selection-ranges';
import { dropPosition } from '../../src/renderer/src/lib/session-drag';

describe('Shift-click ranges', () => {
  it('run from the anchor to the clicked row in either direction', () => {
    expect(rangeBetween(3, 7)).toEqual({ start: 3, end: 7, capped: false });
    expect(rangeBetween(7, 3)).toEqual({ start: 3, end: 7, capped: false });
    expect(rangeBetween(4, 4)).toEqual({ start: 4, end: 4, capped: false });
  });

  it('stop at the ceiling, counted from the anchor', () => {
    expect(rangeBetween(10, 1_000_000, 100)).toEqual({ start: 10, end: 109, capped: true });
    expect(rangeBetween(500, 0, 100)).toEqual({ start: 401, end: 500, capped: true });
    expect(rangeBetween(0, 99, 100).capped).toBe(false);
  });
});

describe('rows still to ask for', () => {
  const rows = (pattern: string): (string | undefined)[] =>
    [...pattern].map((c, i) => (c === 'x' ? `s${i}` : undefined));

  it('are the runs of missing rows in the range, as pages no longer than the page size', () => {
    expect(missingStretches(rows('xx..x...xx'), 0, 9, 100)).toEqual([
      { offset: 2, count: 2 },
      { offset: 5, count: 3 },
    ]);
    expect(missingStretches(rows('xxxx'), 0, 3, 100)).toEqual([]);
    // Beyond the loaded rows everything is missing; long runs split into pages.
    expect(missingStretches(rows('x'), 0, 11, 5)).toEqual([
      { offset: 1, count: 5 },
      { offset: 6, count: 5 },
      { offset: 11, count: 1 },
    ]);
    expect(missingStretches(rows('..x..'), 1, 3, 100)).toEqual([
      { offset: 1, count: 1 },
      { offset: 3, count: 1 },
    ]);
  });
});

describe('Ctrl/⌘-click', () => {
  it('adds a session and makes it the lead', () => {
    const { ids, lead } = toggleId(new Set(['a', 'b']), 'b', 'c');
    expect([...ids]).toEqual(['a', 'b', 'c']);
    expect(lead).toBe('c');
  });

  it('takes a session out; the lead stays unless it was the one taken out', () => {
    expect(toggleId(new Set(['a', 'b', 'c']), 'c', 'a')).toEqual({ ids: new Set(['b', 'c']), lead: 'c' });
    expect(toggleId(new Set(['a', 'b', 'c']), 'c', 'c')).toEqual({ ids: new Set(['a', 'b']), lead: 'b' });
    expect(toggleId(new Set(['a']), 'a', 'a')).toEqual({ ids: new Set(), lead: null });
  });

  it('never changes the set it was given (the store compares by reference)', () => {
    const before = new Set(['a']);
    toggleId(before, 'a', 'b');
    expect([...before]).toEqual(['a']);
  });
});

describe('a selection in list order', () => {
  it('follows the rows, with ids the list has not loaded last, as given', () => {
    const rows = [{ id: 'a' }, undefined, { id: 'c' }, { id: 'd' }];
    expect(inListOrder(['d', 'x', 'a', 'y'], rows)).toEqual(['a', 'd', 'x', 'y']);
    expect(inListOrder(['c'], rows)).toEqual(['c']);
  });
});

describe('where a reorder drop lands', () => {
  // The position is counted in the order without the moved sessions, like Array#splice.
  const apply = (order: string[], moved: string[], position: number): string[] => {
    const rest = order.filter((id) => !moved.includes(id));
    rest.splice(position, 0, ...moved);
    return rest;
  };
  const order = ['a', 'b', 'c', 'd', 'e'];
  const indexesOf = (moved: string[]): number[] => moved.map((id) => order.indexOf(id));

  it('puts one session before or after the row it was dropped on', () => {
    expect(apply(order, ['d'], dropPosition(1, 'before', indexesOf(['d']))!)).toEqual([
      'a',
      'd',
      'b',
      'c',
      'e',
    ]);
    expect(apply(order, ['b'], dropPosition(3, 'after', indexesOf(['b']))!)).toEqual([
      'a',
      'c',
      'd',
      'b',
      'e',
    ]);
    expect(apply(order, ['a'], dropPosition(4, 'after', indexesOf(['a']))!)).toEqual([
      'b',
      'c',
      'd',
      'e',
      'a',
    ]);
    expect(apply(order, ['e'], dropPosition(0, 'before', indexesOf(['e']))!)).toEqual([
      'e',
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('moves several together, in the order given, from both sides of the drop', () => {
    const moved = ['a', 'e'];
    expect(apply(order, moved, dropPosition(2, 'after', indexesOf(moved))!)).toEqual([
      'b',
      'c',
      'a',
      'e',
      'd',
    ]);
  });

  it('moves nothing when dropped on a moved row', () => {
    expect(dropPosition(1, 'before', indexesOf(['b', 'c']))).toBeNull();
  });
});
