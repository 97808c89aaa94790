// What the bulk action bar, the detail panel's "N sessions selected", the row menu and the Delete
// key do to several sessions at once (issue 13): set status, add or remove a tag, delete with one
// Undo. The contract has one write per session for these, so they go out a few at a time (a burst
// of thousands would queue behind every other request of the window) and the outcome is counted:
// one toast says what happened, naming the first refusal if any.
import { UNDO_DELETES_KEPT, type Session, type SessionStatus } from '../../../shared/domain';
import { normalizeTag, tagKey } from '../../../shared/validation';
import { call, codeOf, dock, messageOf } from '../lib/bridge';
import { plural, STATUS_LABELS } from '../lib/labels';
import { useDetailStore, useLibraryStore } from '../stores/app-stores';
import { useDialogStore } from '../stores/dialog-store';
import { selectedIdsNow, useSelectionStore } from '../stores/selection-store';
import { toastError, useToastStore } from '../stores/toast-store';
import { deleteSelected, selectSession } from './session-actions';

/** Writes in flight at once. */
const CONCURRENCY = 4;
const UNDO_TIMEOUT_MS = 10_000;
/**
 * How many deleted sessions main keeps whole for Undo (`DeletedSessions` in the core: as many as the
 * largest selection). A bigger delete is still done, and said to be final beyond that.
 */
export const UNDO_KEEPS_LAST = UNDO_DELETES_KEPT;

interface Outcome<T> {
  done: T[];
  failed: { id: string; message: string; code: string | null }[];
}

/** Runs `work` for every id, CONCURRENCY at a time; never throws. */
async function forEachLimited<T>(
  ids: readonly string[],
  work: (id: string) => Promise<T>,
): Promise<Outcome<T>> {
  const outcome: Outcome<T> = { done: [], failed: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        outcome.done.push(await work(id));
      } catch (error) {
        outcome.failed.push({ id, message: messageOf(error), code: codeOf(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return outcome;
}

function report(outcome: Outcome<unknown>, success: string): void {
  const { done, failed } = outcome;
  if (failed.length === 0) {
    useToastStore.getState().show({ message: success, tone: 'success' });
    return;
  }
  const first = failed[0]!;
  toastError(
    `${done.length > 0 ? `${success}; ` : ''}${plural(failed.length, 'session')} could not be changed: ${first.message}`,
  );
}

/** The session as the window knows it (loaded rows, the detail panel), else asked for. */
async function currentSession(id: string, loaded: Map<string, Session>): Promise<Session> {
  const detail = useDetailStore.getState().session;
  if (detail?.id === id) return detail;
  return loaded.get(id) ?? (await call(dock().getSession(id)));
}

function loadedSessions(): Map<string, Session> {
  const map = new Map<string, Session>();
  for (const row of useLibraryStore.getState().rows) if (row) map.set(row.id, row);
  return map;
}

export async function bulkSetStatus(ids: readonly string[], status: SessionStatus): Promise<void> {
  if (ids.length === 0) return;
  useDetailStore.getState().flushAll();
  const outcome = await forEachLimited(ids, (id) => call(dock().patchSession(id, { status })));
  report(outcome, `${plural(outcome.done.length, 'session')} set to ${STATUS_LABELS[status]}`);
}

/** Adds the tag where it is missing (case-insensitively); sessions that have it are left alone. */
export async function bulkAddTag(ids: readonly string[], raw: string): Promise<void> {
  const tag = normalizeTag(raw);
  if (ids.length === 0 || tag === '') return;
  useDetailStore.getState().flushAll();
  const loaded = loadedSessions();
  const outcome = await forEachLimited(ids, async (id) => {
    const session = await currentSession(id, loaded);
    if (session.tags.some((existing) => tagKey(existing) === tagKey(tag))) return session;
    return call(dock().patchSession(id, { tags: [...session.tags, tag] }));
  });
  report(outcome, `Tagged ${plural(outcome.done.length, 'session')} “${tag}”`);
}

export async function bulkRemoveTag(ids: readonly string[], raw: string): Promise<void> {
  const key = tagKey(raw);
  if (ids.length === 0 || key === '') return;
  useDetailStore.getState().flushAll();
  const loaded = loadedSessions();
  const outcome = await forEachLimited(ids, async (id) => {
    const session = await currentSession(id, loaded);
    const tags = session.tags.filter((existing) => tagKey(existing) !== key);
    if (tags.length === session.tags.length) return session;
    return call(dock().patchSession(id, { tags }));
  });
  report(outcome, `Removed “${normalizeTag(raw)}” from ${plural(outcome.done.length, 'session')}`);
}

/** The tags the selected sessions carry (as far as the window knows them), most common first. */
export function tagsOfSessions(ids: readonly string[]): string[] {
  const loaded = loadedSessions();
  const counts = new Map<string, { tag: string; count: number }>();
  for (const id of ids)
    for (const tag of loaded.get(id)?.tags ?? []) {
      const entry = counts.get(tagKey(tag)) ?? { tag, count: 0 };
      entry.count++;
      counts.set(tagKey(tag), entry);
    }
  return [...counts.values()].sort((a, b) => b.count - a.count).map((entry) => entry.tag);
}

/** Deletes them all after one confirmation; one Undo brings them all back. */
export async function bulkDelete(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const many = ids.length > UNDO_KEEPS_LAST;
  const confirmed = await useDialogStore.getState().ask({
    title: `Delete ${plural(ids.length, 'session')}?`,
    message: `They are removed from your SessionDock library with their notes and tags. The projects and audio files on disk are not touched.${
      many ? ` Undo can bring back only the last ${UNDO_KEEPS_LAST} of them.` : ''
    }`,
    confirmLabel: 'Delete',
    danger: true,
    initialFocus: 'confirm',
  });
  if (!confirmed) return;
  useDetailStore.getState().flushAll();
  const outcome = await forEachLimited(ids, async (id) => {
    await call(dock().deleteSession(id));
    useDetailStore.getState().forget(id);
    return id;
  });
  // Nothing of the deleted selection is left to show.
  const left = selectedIdsNow().filter((id) => !outcome.done.includes(id));
  if (left.length === 0) selectSession(null);
  const deleted = outcome.done;
  if (outcome.failed.length > 0)
    toastError(
      `${plural(outcome.failed.length, 'session')} could not be deleted: ${outcome.failed[0]!.message}`,
    );
  if (deleted.length === 0) return;
  useToastStore.getState().show({
    message: `Deleted ${plural(deleted.length, 'session')}`,
    tone: 'info',
    timeoutMs: UNDO_TIMEOUT_MS,
    action: { label: 'Undo', testId: 'toast-undo', run: () => void restoreSessions(deleted) },
  });
}

/** Undo of a bulk delete: the newest delete first, so each finds its places as it left them. */
export async function restoreSessions(ids: readonly string[]): Promise<void> {
  const restored: Session[] = [];
  const failed: string[] = [];
  for (const id of [...ids].reverse()) {
    try {
      restored.push(await call(dock().restoreSession(id)));
    } catch (error) {
      failed.push(messageOf(error));
    }
  }
  if (failed.length > 0)
    toastError(
      restored.length > 0
        ? `Brought back ${plural(restored.length, 'session')}; ${plural(failed.length, 'other')} could not be: ${failed[0]}`
        : `Could not undo the delete: ${failed[0]}`,
    );
  if (restored.length === 0) return;
  const lead = restored[restored.length - 1]!;
  selectSession(lead.id, { reveal: true, session: lead });
  if (restored.length > 1) useSelectionStore.setState({ selectedIds: new Set(restored.map((s) => s.id)) });
}

/** The Delete key and the menu's Delete: the selection, one or many. */
export function deleteSelection(): void {
  const ids = selectedIdsNow();
  if (ids.length > 1) void bulkDelete(ids);
  else deleteSelected();
}
