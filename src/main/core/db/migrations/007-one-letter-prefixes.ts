import type { Database } from 'better-sqlite3';

/**
 * Search-as-you-type starts with one letter: the full-text index gains one-character prefixes
 * (`prefix = '1 2 3'`). Without them, "s" merges the entries of every word starting with s
 * (~0.2–0.5 s over a million sessions, on every first keystroke); with them it reads one list
 * (~30–50 ms), and a page of a broad one-letter search can test rows one by one.
 *
 * FTS5 cannot change its options in place: the index is dropped and rebuilt from `sessions`
 * (~40 s at a million sessions, once; well under a second for ordinary libraries). The triggers
 * that mirror updates and deletes name the table and keep working on the new one.
 */
export function migration007OneLetterPrefixes(db: Database): void {
  db.exec(`
    DROP TABLE sessions_fts;
    CREATE VIRTUAL TABLE sessions_fts USING fts5 (
      title, client, notes,
      content = 'sessions', content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    );
    INSERT INTO sessions_fts (sessions_fts) VALUES ('rebuild');
  `);
}
