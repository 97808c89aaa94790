import type { Database } from 'better-sqlite3';

/**
 * Cached peaks live as long as some preview uses their file: deleting a session (which removes
 * its previews) or detaching a preview forgets them. Peaks a version-2 library kept for files no
 * preview uses any more are dropped on the way.
 */
export function migration003ForgetUnusedPeaks(db: Database): void {
  db.exec(`
    CREATE TRIGGER previews_forget_peaks AFTER DELETE ON previews
    WHEN NOT EXISTS (SELECT 1 FROM previews WHERE path = OLD.path) BEGIN
      DELETE FROM waveform_cache WHERE path = OLD.path;
    END;

    DELETE FROM waveform_cache WHERE path NOT IN (SELECT path FROM previews);
  `);
}
