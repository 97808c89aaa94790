// Which collections hold a session (the detail panel's Collections section, issue 13): one call,
// answered by the core from the membership table and each smart collection's own filter.
import { call, dock } from '../lib/bridge';

/** The ids of the collections (manual and smart) that hold the session now. */
export async function collectionsHolding(sessionId: string): Promise<Set<string>> {
  return new Set(await call(dock().collectionsHolding(sessionId)));
}
