import { join } from 'node:path';

/**
 * Why a backup was made, as its file name says:
 * - `regular`: at start (the newest was older than a day) or "Back up now"; kept by the
 *   7 daily + 4 weekly rule (prune-rule.ts);
 * - `pre-migration`: the library as it was before this SessionDock migrated it;
 * - `pre-restore`: the library as it was before a backup replaced it.
 * The last two are kept apart from the daily and weekly ones (the newest few of each).
 */
export type BackupReason = 'regular' | 'pre-migration' | 'pre-restore';

export interface BackupName {
  /** The file name, e.g. `library-2026-12-04T19-30-00Z.sqlite`. */
  name: string;
  reason: BackupReason;
  /** When the backup was started, to the second (from the name, never from the file's mtime). */
  at: Date;
  /** Orders backups started in the same second (`-2`, `-3` … after the `Z`). */
  sequence: number;
  /** For `pre-migration`: the schema version the library had before it was migrated. */
  fromVersion: number | null;
}

export const BACKUPS_FOLDER = 'backups';

/** Where a data folder's backups live. */
export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS_FOLDER);
}

/**
 * A backup being written has this suffix, and a leading dot, until it has been checked and
 * synced: nothing that does not look exactly like a complete backup is ever listed or restored.
 */
export const PARTIAL_SUFFIX = '.partial';

const NAME =
  /^library-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d+))?(?:\.(pre-restore|pre-migration-v(\d+)))?\.sqlite$/;

/** `2026-12-04T19-30-00Z`: ISO 8601 in UTC to the second, with `-` for `:` (valid on Windows). */
function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

export function backupFileName(
  at: Date,
  reason: BackupReason,
  options: { sequence?: number; fromVersion?: number } = {},
): string {
  const sequence = options.sequence && options.sequence > 1 ? `-${options.sequence}` : '';
  const suffix =
    reason === 'regular'
      ? ''
      : reason === 'pre-restore'
        ? '.pre-restore'
        : `.pre-migration-v${options.fromVersion ?? 0}`;
  return `library-${stamp(at)}${sequence}${suffix}.sqlite`;
}

/** The temporary name a backup is written under before it is complete. */
export function partialNameOf(finalName: string): string {
  return `.${finalName}${PARTIAL_SUFFIX}`;
}

/** Reads a backup's file name; null for anything else (partial files, the user's own files). */
export function parseBackupName(name: string): BackupName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, sequence, suffix, fromVersion] = match;
  const at = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
  );
  // A name like 2026-02-31 is not one this code wrote.
  if (Number.isNaN(at.getTime()) || stamp(at) !== `${year}-${month}-${day}T${hour}-${minute}-${second}Z`) {
    return null;
  }
  const reason: BackupReason =
    suffix === undefined ? 'regular' : suffix === 'pre-restore' ? 'pre-restore' : 'pre-migration';
  return {
    name,
    reason,
    at,
    sequence: sequence === undefined ? 1 : Number(sequence),
    fromVersion: fromVersion === undefined ? null : Number(fromVersion),
  };
}

/** Newest first: by start time, then by sequence within a second. */
export function newestFirst(a: BackupName, b: BackupName): number {
  return b.at.getTime() - a.at.getTime() || b.sequence - a.sequence;
}

/**
 * A name for a backup started at `at` that none of `taken` (existing names, partial or not) uses:
 * a second backup in the same second gets `-2`, and so on.
 */
export function freeBackupName(
  at: Date,
  reason: BackupReason,
  taken: ReadonlySet<string>,
  fromVersion?: number,
): string {
  for (let sequence = 1; ; sequence++) {
    const name = backupFileName(at, reason, { sequence, fromVersion });
    if (!taken.has(name) && !taken.has(partialNameOf(name))) return name;
  }
}
