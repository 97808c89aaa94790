// Multi-select in the list and the grid (issue 13): click selects one, Shift-click a range from the
// anchor, ⌘/Ctrl-click toggles one, ⌘/Ctrl+A selects the view (up to SELECTION_MAX), Esc clears.
// Rows that are not loaded (a range or "all" over a virtualized list) are asked for as list pages
// of ids; the library's rows are not filled with them, so selecting never loads the whole view.
import { LIMITS } from '../../../shared/domain';
import { call, dock, messageOf } from '../lib/bridge';
import { hasCommandModifier } from '../lib/platform';
import {
  inListOrder,
  missingStretches,
  rangeBetween,
  SELECTION_MAX,
  toggleId,
} from '../lib/selection-ranges';
import { useDetailStore, useLibraryStore } from '../stores/app-stores';
import { toListQuery } from '../stores/library-query';
import { selectedIdsNow, useSelectionStore } from '../stores/selection-store';
import { toastError, toastInfo } from '../stores/toast-store';
import { selectSession } from './session-actions';

interface ClickModifiers {
  shiftKey: boolean;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
}

/** A click on a row or a card. */
export function clickSession(id: string, index: number, event: ClickModifiers): void {
  if (event.shiftKey && !event.altKey) void selectRangeTo(id, index);
  else if (hasCommandModifier(event as KeyboardEvent)) toggleSession(id, index);
  else selectSession(id, { index });
}

/** ⌘/Ctrl-click: adds the session to the selection or takes it out. */
export function toggleSession(id: string, index: number): void {
  const { selectedIds, selectedId } = useSelectionStore.getState();
  const { ids, lead } = toggleId(selectedIds, selectedId, id);
  if (ids.size <= 1) {
    selectSession(lead, lead === id ? { index } : {});
    return;
  }
  // The lead moves (the detail panel follows it if the selection shrinks back to one).
  if (lead !== selectedId) selectSession(lead, lead === id ? { index } : {});
  useSelectionStore.setState({
    selectedIds: ids,
    anchor: ids.has(id) ? { id, index } : useSelectionStore.getState().anchor,
    cappedFrom: null,
  });
}

/** Shift-click: every session from the anchor to this one, in the view's order. */
export async function selectRangeTo(id: string, index: number): Promise<void> {
  const { anchor } = useSelectionStore.getState();
  const library = useLibraryStore.getState();
  const anchorIndex = anchor ? library.indexOf(anchor.id, anchor.index >= 0 ? anchor.index : undefined) : -1;
  if (!anchor || anchorIndex < 0) {
    selectSession(id, { index });
    return;
  }
  const range = rangeBetween(anchorIndex, index);
  const ids = await idsBetween(range.start, range.end);
  if (ids === null) return;
  selectSession(id, { index });
  useSelectionStore.setState({
    selectedIds: new Set(ids),
    anchor,
    cappedFrom: range.capped ? Math.abs(index - anchorIndex) + 1 : null,
  });
  if (range.capped)
    toastInfo(`Selected ${SELECTION_MAX.toLocaleString('en-US')} sessions: the most at once.`);
}

/**
 * ⌘/Ctrl+A: every session the view shows, up to SELECTION_MAX (the first ones, in the view's
 * order) — never the whole of a huge library (see lib/selection-ranges.ts).
 */
export async function selectAll(): Promise<void> {
  const total = useLibraryStore.getState().total ?? 0;
  if (total === 0) return;
  const count = Math.min(total, SELECTION_MAX);
  const ids = await idsBetween(0, count - 1);
  if (ids === null || ids.length === 0) return;
  const { selectedId } = useSelectionStore.getState();
  const lead = selectedId !== null && ids.includes(selectedId) ? selectedId : ids[0]!;
  if (lead !== selectedId) selectSession(lead, { index: ids.indexOf(lead) });
  useSelectionStore.setState({
    selectedIds: new Set(ids),
    anchor: { id: ids[0]!, index: 0 },
    cappedFrom: total > count ? total : null,
  });
  if (ids.length === 1) return;
  if (total > count)
    toastInfo(
      `Selected the first ${count.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} sessions: the most at once.`,
    );
}

/** Esc: nothing selected, the detail panel empty. */
export function clearSelection(): void {
  useDetailStore.getState().flushAll();
  selectSession(null);
}

/** The selection in the view's order where the list knows it (drags, bulk adds keep that order). */
export function selectionInListOrder(): string[] {
  return inListOrder(selectedIdsNow(), useLibraryStore.getState().rows);
}

/**
 * The ids of rows start…end of the current view: the loaded rows as they are, the others asked
 * for in pages. null when the view changed meanwhile (the answer would be about another list).
 */
async function idsBetween(start: number, end: number): Promise<string[] | null> {
  const library = useLibraryStore.getState();
  const { query, queryVersion } = library;
  const ids: (string | undefined)[] = [];
  for (let index = start; index <= end; index++) ids.push(library.rows[index]?.id);
  try {
    for (const stretch of missingStretches(library.rows, start, end, LIMITS.listLimitMax)) {
      const page = await call(dock().listSessions(toListQuery(query, stretch.count, stretch.offset)));
      if (useLibraryStore.getState().queryVersion !== queryVersion) return null;
      page.data.forEach((session, i) => {
        ids[stretch.offset - start + i] = session.id;
      });
    }
  } catch (error) {
    toastError(`Could not select those sessions: ${messageOf(error)}`);
    return null;
  }
  // A row deleted while pages were on their way leaves a gap: skip it.
  return ids.filter((id): id is string => id !== undefined);
}

/**
 * Keeps the selection honest, once at start: a new view (another scope, a search) reduces a
 * multi-selection to its lead, as a file browser does on changing folder; a deleted session leaves it.
 */
export function keepSelectionInView(): void {
  useLibraryStore.subscribe((state, previous) => {
    if (state.queryVersion === previous.queryVersion) return;
    const { selectedIds, selectedId } = useSelectionStore.getState();
    if (selectedIds.size > 1) selectSession(selectedId);
  });
  dock().on('sessions:changed', (change) => {
    if (change.type !== 'deleted') return;
    const { selectedIds } = useSelectionStore.getState();
    if (!selectedIds.has(change.id) || selectedIds.size < 2) return;
    const ids = new Set(selectedIds);
    ids.delete(change.id);
    useSelectionStore.setState({ selectedIds: ids });
  });
}
