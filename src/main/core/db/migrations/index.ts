import type { Database } from 'better-sqlite3';
import { migration001Initial } from './001-initial';
import { migration002PreviewsAndPeaks } from './002-previews-and-peaks';
import { migration003ForgetUnusedPeaks } from './003-forget-unused-peaks';
import { migration004CanonicalPaths } from './004-canonical-paths';
import { migration005ImportHistory } from './005-import-history';
import { migration006SessionCount } from './006-session-count';
import { migration007OneLetterPrefixes } from './007-one-letter-prefixes';
import { migration008FacetCounts } from './008-facet-counts';
import { migration009ProjectMetadata } from './009-project-metadata';
import { migration010Collections } from './010-collections';
import { migration011Artwork } from './011-artwork';

/**
 * Every schema version, in order: entry N brings a database from user_version N-1 to N.
 * Append only; never renumber or edit a released migration.
 */
export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  migration001Initial,
  migration002PreviewsAndPeaks,
  migration003ForgetUnusedPeaks,
  migration004CanonicalPaths,
  migration005ImportHistory,
  migration006SessionCount,
  migration007OneLetterPrefixes,
  migration008FacetCounts,
  migration009ProjectMetadata,
  migration010Collections,
  migration011Artwork,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
