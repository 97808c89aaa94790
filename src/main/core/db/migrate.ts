import type { Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export class LibraryTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This library was written by a newer SessionDock (schema version ${found}; this version ` +
        `understands up to ${supported}). Update SessionDock to open it; the file was left untouched.`,
    );
    this.name = 'LibraryTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to the latest schema, one transaction per migration. */
export function migrate(db: Database, migrations = MIGRATIONS): number {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new LibraryTooNewError(current, migrations.length);
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return schemaVersion(db);
}

export { LATEST_SCHEMA_VERSION };
