// Which collections hold a session (the detail panel's Collections section, issue 13). The contract
// has no "collections of this session" call, so each collection is asked through the list itself:
// `collection=<id>` narrowed by the session's own title words (a session always matches its own
// title, and few others do), then its id looked for in that short answer. One small list request per
// collection, answered from the list's index and memo; a smart collection's filters apply as they do
// in its view, so it counts as holding the session exactly when its view would list it.
import type { Collection, Session } from '../../../shared/domain';
import { LIMITS } from '../../../shared/domain';
import { parseSearchTerms, Q_MAX, TERMS_MAX } from '../../../shared/validation/list-query';
import { call, dock } from '../lib/bridge';

/** Requests in flight at once. */
const CONCURRENCY = 6;
/** Pages looked through per collection before giving up (a title shared by hundreds of members). */
const MAX_PAGES = 4;
/** Collections asked about, in sidebar order (the library allows 1,000). */
export const MEMBERSHIP_COLLECTIONS_MAX = 200;

/** The session's title as search words the list accepts (at most TERMS_MAX, within Q_MAX). */
export function titleQuery(title: string): string {
  let terms: string[];
  try {
    terms = parseSearchTerms(title);
  } catch {
    return '';
  }
  let query = '';
  for (const term of terms.slice(0, TERMS_MAX)) {
    const next = query === '' ? term : `${query} ${term}`;
    if ([...next].length > Q_MAX) break;
    query = next;
  }
  return query;
}

async function holds(collection: Collection, session: Session, q: string): Promise<boolean> {
  const limit = LIMITS.listLimitMax;
  for (let page = 0; page < MAX_PAGES; page++) {
    const offset = page * limit;
    const answer = await call(
      dock().listSessions({ collection: collection.id, ...(q ? { q } : {}), limit, offset }),
    );
    if (answer.data.some((member) => member.id === session.id)) return true;
    if (offset + answer.data.length >= answer.meta.total) return false;
  }
  return false;
}

/** The ids of the collections (manual and smart) that hold the session now. */
export async function collectionsHolding(
  session: Session,
  collections: readonly Collection[],
): Promise<Set<string>> {
  const q = titleQuery(session.title);
  const asked = collections.slice(0, MEMBERSHIP_COLLECTIONS_MAX);
  const holding = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < asked.length) {
      const collection = asked[next++]!;
      if (collection.sessionCount === 0) continue;
      try {
        if (await holds(collection, session, q)) holding.add(collection.id);
      } catch {
        // A collection deleted meanwhile (or a refused query) holds nothing to show.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, asked.length) }, worker));
  return holding;
}
