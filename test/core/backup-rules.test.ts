import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  freeBackupName,
  parseBackupName,
  partialNameOf,
  type BackupName,
} from '../../src/main/core/backups/backup-names';
import { isoWeek, planPrune } from '../../src/main/core/backups/prune-rule';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function regular(at: string | number, sequence = 1): BackupName {
  return parseBackupName(backupFileName(new Date(at), 'regular', { sequence }))!;
}

/** What the rule keeps, as `name → kind`, with the names shortened to their time stamps. */
function kept(backups: BackupName[]): Record<string, string> {
  const { keep } = planPrune(backups);
  return Object.fromEntries(
    [...keep].map(([name, kind]) => [name.replace(/^library-|\.sqlite$/g, ''), kind]),
  );
}

describe('backup file names', () => {
  it('name a backup by its UTC start time to the second, with the reason after it', () => {
    const at = new Date('2026-12-04T19:30:00.456Z');
    expect(backupFileName(at, 'regular')).toBe('library-2026-12-04T19-30-00Z.sqlite');
    expect(backupFileName(at, 'pre-restore')).toBe('library-2026-12-04T19-30-00Z.pre-restore.sqlite');
    expect(backupFileName(at, 'pre-migration', { fromVersion: 9 })).toBe(
      'library-2026-12-04T19-30-00Z.pre-migration-v9.sqlite',
    );
    expect(backupFileName(at, 'regular', { sequence: 3 })).toBe('library-2026-12-04T19-30-00Z-3.sqlite');
  });

  it('read back what they wrote, and nothing else', () => {
    const parsed = parseBackupName('library-2026-12-04T19-30-00Z-2.pre-migration-v9.sqlite');
    expect(parsed).toEqual({
      name: 'library-2026-12-04T19-30-00Z-2.pre-migration-v9.sqlite',
      reason: 'pre-migration',
      at: new Date('2026-12-04T19:30:00Z'),
      sequence: 2,
      fromVersion: 9,
    });
    for (const other of [
      partialNameOf('library-2026-12-04T19-30-00Z.sqlite'),
      'library-2026-12-04T19-30-00Z.sqlite-journal',
      'library-2026-02-31T19-30-00Z.sqlite',
      'library-2026-12-04T19:30:00Z.sqlite',
      'library.sqlite',
      'my-copy.sqlite',
    ]) {
      expect(parseBackupName(other), other).toBeNull();
    }
  });

  it('give a second backup in the same second its own name (never the name of a partial one)', () => {
    const at = new Date('2026-12-04T19:30:00Z');
    const first = backupFileName(at, 'regular');
    expect(freeBackupName(at, 'regular', new Set())).toBe(first);
    expect(freeBackupName(at, 'regular', new Set([first]))).toBe('library-2026-12-04T19-30-00Z-2.sqlite');
    expect(freeBackupName(at, 'regular', new Set([partialNameOf(first)]))).toBe(
      'library-2026-12-04T19-30-00Z-2.sqlite',
    );
  });

  it('know ISO weeks, across the turn of a year', () => {
    expect(isoWeek(new Date('2026-12-04T12:00:00Z'))).toBe('2026-W49');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    // 29 December 2025 is a Monday: week 1 of 2026.
    expect(isoWeek(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2025-12-28T23:59:59Z'))).toBe('2025-W52');
  });
});

describe('the keeping rule (7 daily + 4 weekly)', () => {
  it('keeps the newest backup of each day', () => {
    const backups = [
      regular('2026-12-04T08:00:00Z'),
      regular('2026-12-04T19:30:00Z'),
      regular('2026-12-04T19:30:00Z', 2),
      regular('2026-12-03T23:59:59Z'),
    ];
    expect(kept(backups)).toEqual({
      '2026-12-04T19-30-00Z-2': 'daily',
      '2026-12-03T23-59-59Z': 'daily',
    });
    expect(planPrune(backups).remove.sort()).toEqual([
      'library-2026-12-04T08-00-00Z.sqlite',
      'library-2026-12-04T19-30-00Z.sqlite',
    ]);
  });

  it('one backup a day for 60 days: the last 7 days, then the newest of each of 4 weeks before them', () => {
    const end = Date.parse('2026-12-04T19:30:00Z'); // a Friday
    const backups = Array.from({ length: 60 }, (_, day) => regular(end - day * DAY));
    expect(kept(backups)).toEqual({
      '2026-12-04T19-30-00Z': 'daily',
      '2026-12-03T19-30-00Z': 'daily',
      '2026-12-02T19-30-00Z': 'daily',
      '2026-12-01T19-30-00Z': 'daily',
      '2026-11-30T19-30-00Z': 'daily', // Monday of week 49
      '2026-11-29T19-30-00Z': 'daily',
      '2026-11-28T19-30-00Z': 'daily',
      // Before the daily window: the newest of weeks 48 (its Friday: the Saturday and Sunday
      // are daily), 47, 46 and 45, each a Sunday.
      '2026-11-27T19-30-00Z': 'weekly',
      '2026-11-22T19-30-00Z': 'weekly',
      '2026-11-15T19-30-00Z': 'weekly',
      '2026-11-08T19-30-00Z': 'weekly',
    });
    expect(planPrune(backups).remove).toHaveLength(60 - 11);
  });

  it('counts days that have a backup, not calendar days: a month away keeps the older backups', () => {
    const backups = [
      regular('2026-12-04T10:00:00Z'),
      // The app was not opened in November.
      ...Array.from({ length: 8 }, (_, day) => regular(Date.parse('2026-10-31T10:00:00Z') - day * DAY)),
    ];
    const result = kept(backups);
    expect(Object.values(result).filter((kind) => kind === 'daily')).toHaveLength(7);
    expect(result['2026-12-04T10-00-00Z']).toBe('daily');
    expect(result['2026-10-26T10-00-00Z']).toBe('daily');
    // Before the daily window: Sunday 25 October is the newest of its week; Saturday 24 goes.
    expect(result['2026-10-25T10-00-00Z']).toBe('weekly');
    expect(planPrune(backups).remove).toEqual(['library-2026-10-24T10-00-00Z.sqlite']);
  });

  it('keeps the newest 2 pre-migration and 2 pre-restore backups apart from the daily rule', () => {
    const named = (at: string, reason: 'pre-migration' | 'pre-restore', fromVersion?: number): BackupName =>
      parseBackupName(backupFileName(new Date(at), reason, { fromVersion }))!;
    const backups = [
      named('2026-01-01T00:00:00Z', 'pre-migration', 7),
      named('2026-06-01T00:00:00Z', 'pre-migration', 8),
      named('2026-12-01T00:00:00Z', 'pre-migration', 9),
      named('2026-12-02T00:00:00Z', 'pre-restore'),
      named('2026-12-03T00:00:00Z', 'pre-restore'),
      named('2026-12-04T00:00:00Z', 'pre-restore'),
      // Many daily backups do not push them out.
      ...Array.from({ length: 20 }, (_, day) => regular(Date.parse('2026-12-04T12:00:00Z') - day * DAY)),
    ];
    const result = kept(backups);
    expect(result['2026-12-01T00-00-00Z.pre-migration-v9']).toBe('pre-migration');
    expect(result['2026-06-01T00-00-00Z.pre-migration-v8']).toBe('pre-migration');
    expect(result['2026-12-04T00-00-00Z.pre-restore']).toBe('pre-restore');
    expect(result['2026-12-03T00-00-00Z.pre-restore']).toBe('pre-restore');
    expect(planPrune(backups).remove).toContain('library-2026-01-01T00-00-00Z.pre-migration-v7.sqlite');
    expect(planPrune(backups).remove).toContain('library-2026-12-02T00-00-00Z.pre-restore.sqlite');
    expect(Object.values(result).filter((kind) => kind === 'daily')).toHaveLength(7);
  });
});
