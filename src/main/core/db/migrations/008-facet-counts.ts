import type { Database } from 'better-sqlite3';

/**
 * The number of sessions per kind, per status and opened at least once, kept by triggers: the
 * sidebar shows all of them at start (17 counts), and counting each through its index cost the
 * first rows ~0.4–1.6 s at a million sessions. One row per facet: `kind:<kind>`,
 * `status:<status>`, `recent`; a facet nobody has is absent (its count is 0).
 */
/** Counts NEW's kind, status and "recent" once more (a facet seen for the first time starts at 1). */
const COUNT_NEW = `
      INSERT INTO session_facets (facet, sessions) VALUES ('kind:' || NEW.kind, 1)
        ON CONFLICT (facet) DO UPDATE SET sessions = sessions + 1;
      INSERT INTO session_facets (facet, sessions) VALUES ('status:' || NEW.status, 1)
        ON CONFLICT (facet) DO UPDATE SET sessions = sessions + 1;
      INSERT INTO session_facets (facet, sessions) SELECT 'recent', 1 WHERE NEW.last_opened IS NOT NULL
        ON CONFLICT (facet) DO UPDATE SET sessions = sessions + 1;`;

/** Counts OLD's kind, status and "recent" once less. */
const UNCOUNT_OLD = `
      UPDATE session_facets SET sessions = sessions - 1
        WHERE facet IN ('kind:' || OLD.kind, 'status:' || OLD.status)
          OR (facet = 'recent' AND OLD.last_opened IS NOT NULL);`;

export function migration008FacetCounts(db: Database): void {
  db.exec(`
    CREATE TABLE session_facets (
      facet TEXT PRIMARY KEY,
      sessions INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO session_facets (facet, sessions)
      SELECT 'kind:' || kind, count(*) FROM sessions GROUP BY kind
      UNION ALL SELECT 'status:' || status, count(*) FROM sessions GROUP BY status
      UNION ALL SELECT 'recent', count(*) FROM sessions WHERE last_opened IS NOT NULL;

    CREATE TRIGGER sessions_facets_insert AFTER INSERT ON sessions BEGIN${COUNT_NEW}
    END;
    CREATE TRIGGER sessions_facets_delete AFTER DELETE ON sessions BEGIN${UNCOUNT_OLD}
    END;
    CREATE TRIGGER sessions_facets_update AFTER UPDATE OF kind, status, last_opened ON sessions BEGIN${UNCOUNT_OLD}${COUNT_NEW}
    END;
  `);
}
