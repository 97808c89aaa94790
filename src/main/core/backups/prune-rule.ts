import { newestFirst, type BackupName } from './backup-names';

/** What a kept backup is, as Settings → Library lists it. */
export type BackupKind = 'daily' | 'weekly' | 'pre-migration' | 'pre-restore';

export const DAILY_KEPT = 7;
export const WEEKLY_KEPT = 4;
/** Backups made before a migration, and before a restore: the newest this many of each. */
export const SAFETY_COPIES_KEPT = 2;

export interface PrunePlan {
  /** Every backup kept, with what it is kept as. */
  keep: Map<string, BackupKind>;
  /** Names to delete, oldest last. */
  remove: string[];
}

/**
 * Which backups to keep (days and weeks are UTC's, from the names, never from file times):
 * - daily: the newest backup of each of the 7 most recent days that have one (days without a
 *   backup, when the app was not used, do not count, so a month away never empties the folder);
 * - weekly: among the backups from days before those 7, the newest of each of the 4 most recent
 *   ISO weeks that have one;
 * - pre-migration and pre-restore backups are outside that rule: the newest 2 of each are kept.
 * So at most 7 + 4 + 2 + 2 backups exist. Everything else is removed.
 */
export function planPrune(backups: readonly BackupName[]): PrunePlan {
  const keep = new Map<string, BackupKind>();
  const remove: string[] = [];
  const sorted = [...backups].sort(newestFirst);

  for (const reason of ['pre-migration', 'pre-restore'] as const) {
    sorted
      .filter((backup) => backup.reason === reason)
      .forEach((backup, index) =>
        index < SAFETY_COPIES_KEPT ? keep.set(backup.name, reason) : remove.push(backup.name),
      );
  }

  const regular = sorted.filter((backup) => backup.reason === 'regular');
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of regular) {
    const day = utcDay(backup.at);
    if (days.size < DAILY_KEPT || days.has(day)) {
      // Newest first: the first backup seen of a day is that day's newest.
      if (days.has(day)) {
        remove.push(backup.name);
      } else {
        days.add(day);
        keep.set(backup.name, 'daily');
      }
      continue;
    }
    // Newest first, so from here on every backup is from a day before the 7 daily ones.
    const week = isoWeek(backup.at);
    if (!weeks.has(week) && weeks.size < WEEKLY_KEPT) {
      weeks.add(week);
      keep.set(backup.name, 'weekly');
    } else {
      remove.push(backup.name);
    }
  }
  return { keep, remove };
}

/** `2026-12-04` */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `2026-W49`: the ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
