// The list's and grid's project columns (tempo, DAW version): one `projectSummaries` call per chunk
// of rows the list loads, never one per row, cached by session id. A read that lands
// (`projects:read`) or a relink makes a cached summary stale; stale ones are asked for again in
// batches: an import of 1,000 sessions fires 1,000 events, which become a handful of calls.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Session } from '../../../shared/domain';
import type { SessionChange } from '../../../shared/ipc';
import type { ProjectSummary } from '../../../shared/project-metadata';
import { call } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';
import { createSummaryBatcher } from './summary-batcher';

/** The handler's cap on ids per call. */
export const SUMMARIES_PER_CALL = 1000;
/** Reads land in bursts (an import): wait this long for the burst to go quiet… */
export const READ_BATCH_MS = 250;
/** …but never longer than this, so the columns fill in while a long import runs. */
export const READ_BATCH_MAX_MS = 1500;

interface ProjectSummaryState {
  /**
   * Each session's summary, once answered. Updated in place (scrolling a big library must not copy
   * every summary seen for each chunk); `version` is what changes.
   */
  summaries: Map<string, ProjectSummary>;
  version: number;
  /** Asks for the summaries of these sessions unless they are cached and current. */
  request(sessions: readonly Pick<Session, 'id' | 'projectPath'>[]): void;
}

export type ProjectSummaryStore = UseBoundStore<StoreApi<ProjectSummaryState>>;

export function createProjectSummaryStore({ bridge, timers }: StoreDeps): ProjectSummaryStore {
  /** The project path each cached summary describes, to notice a relink. */
  const paths = new Map<string, string | null>();
  // Rows that just arrived are asked for at once (in the same turn's batch); reads that landed wait
  // for their burst.
  const batcher = createSummaryBatcher<ProjectSummary>({
    timers,
    perCall: SUMMARIES_PER_CALL,
    laterMs: READ_BATCH_MS,
    laterMaxMs: READ_BATCH_MAX_MS,
    fetch: (ids) => call(bridge.projectSummaries(ids)),
    answered(ids, answer) {
      const { summaries } = store.getState();
      for (const id of ids) {
        const summary = answer[id];
        // Unknown ids (deleted meanwhile) are left out of the answer.
        if (summary) summaries.set(id, summary);
        else summaries.delete(id);
      }
      store.setState((state) => ({ version: state.version + 1 }));
    },
    failed() {
      // The columns stay empty rather than wrong; the next chunk or read asks again.
    },
  });

  const store = create<ProjectSummaryState>()(() => ({
    summaries: new Map(),
    version: 0,
    request(sessions) {
      const { summaries } = store.getState();
      const wanted: string[] = [];
      for (const session of sessions) {
        const known = paths.has(session.id) && paths.get(session.id) === session.projectPath;
        paths.set(session.id, session.projectPath);
        // A relinked session is asked again even while an older answer is on its way.
        if (!known || (!summaries.has(session.id) && !batcher.isAsked(session.id))) wanted.push(session.id);
      }
      batcher.queue(wanted, 'now');
    },
  }));

  bridge.on('projects:read', ({ sessionId }) => {
    // Sessions never shown are asked for when their rows load.
    if (store.getState().summaries.has(sessionId)) batcher.queue([sessionId], 'later');
  });

  bridge.on('sessions:changed', (change: SessionChange) => {
    if (change.type === 'deleted') {
      paths.delete(change.id);
      if (store.getState().summaries.delete(change.id))
        store.setState((state) => ({ version: state.version + 1 }));
      return;
    }
    if (change.type !== 'updated' || !paths.has(change.session.id)) return;
    // Autosave sends many updates; only a new project path changes what the columns show (a path
    // that leads nowhere is forgotten without a read, so nothing else would say so).
    if (paths.get(change.session.id) === change.session.projectPath) return;
    paths.set(change.session.id, change.session.projectPath);
    batcher.queue([change.session.id], 'later');
  });

  return store;
}
