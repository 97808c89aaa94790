import type { Database } from 'better-sqlite3';
import { canonicalPath } from '../../../../shared/validation/project-path';

/**
 * Paths get one spelling (src/shared/validation/project-path.ts): projects and previews stored by
 * a version-3 library as `/x/Song/` or `/x//mix.wav` are rewritten as `/x/Song` and `/x/mix.wav`,
 * so duplicates are found and the same file is the same file. A path the rule refuses (`..`) or
 * that is not absolute stays as it was. A session that already has a preview under the canonical
 * spelling keeps both rows rather than lose one (and its waveform notes); cached peaks follow
 * their path, and a duplicate cache entry is dropped (it is recomputed on demand).
 */
export function migration004CanonicalPaths(db: Database): void {
  db.function('sessiondock_canonical_path_004', { deterministic: true }, (path: unknown) =>
    typeof path === 'string' ? (canonicalPath(path) ?? path) : path,
  );
  db.exec(`
    UPDATE sessions SET project_path = sessiondock_canonical_path_004(project_path)
      WHERE project_path IS NOT NULL AND project_path <> sessiondock_canonical_path_004(project_path);
    UPDATE sessions SET project_original_path = sessiondock_canonical_path_004(project_original_path)
      WHERE project_original_path IS NOT NULL
        AND project_original_path <> sessiondock_canonical_path_004(project_original_path);
    UPDATE OR IGNORE previews SET path = sessiondock_canonical_path_004(path)
      WHERE path <> sessiondock_canonical_path_004(path);
    UPDATE OR IGNORE waveform_cache SET path = sessiondock_canonical_path_004(path)
      WHERE path <> sessiondock_canonical_path_004(path);
    DELETE FROM waveform_cache WHERE path NOT IN (SELECT path FROM previews);
  `);
}
