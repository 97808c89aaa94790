// What people do to sessions, shared by buttons, shortcuts, menu commands and events from main.
// Stores hold state; these functions orchestrate several of them.
import type { Session, SessionKind } from '../../../shared/domain';
import { call, codeOf, dock, messageOf, reasonOf } from '../lib/bridge';
import { useDetailStore, useLibraryStore, usePlayerStore } from '../stores/app-stores';
import { useDialogStore } from '../stores/dialog-store';
import { NO_SELECTION, useSelectionStore } from '../stores/selection-store';
import { toastError, toastInfo, useToastStore } from '../stores/toast-store';
import { useUiStore } from '../stores/ui-store';

export const UNTITLED = 'Untitled session';
const UNDO_TIMEOUT_MS = 8000;

interface SelectOptions {
  /** Where the row is in the list, when known. */
  index?: number;
  /** Scroll the list so the row is visible. */
  reveal?: boolean;
  /** The session itself, when the caller already has it (after create, from main). */
  session?: Session;
}

export function selectSession(id: string | null, options: SelectOptions = {}): void {
  const detail = useDetailStore.getState();
  // Whatever was typed for the previous session goes out before the panel switches.
  detail.flushAll();
  useSelectionStore.setState((state) => ({
    selectedId: id,
    // Choosing one session ends a multi-selection; it is where a Shift-click range starts.
    selectedIds: id === null ? NO_SELECTION : new Set([id]),
    anchor: id === null ? null : { id, index: options.index ?? -1 },
    cappedFrom: null,
    indexHint: options.index,
    pendingIndex: null,
    revealRequest: options.reveal ? state.revealRequest + 1 : state.revealRequest,
  }));
  if (id === null) {
    detail.show(null);
    return;
  }
  const library = useLibraryStore.getState();
  const index = options.index ?? library.indexOf(id);
  const known = options.session ?? (index >= 0 ? library.rows[index] : undefined);
  if (known) detail.show(known);
  else {
    detail.show(null);
    void detail.load(id);
  }
  // Not among the loaded rows: look further down so the list can scroll to it.
  if (index < 0 && options.reveal) void library.locate(id);
}

/** Moves the selection by `delta` rows (ArrowUp/Down; a grid row in grid view). */
export function moveSelection(delta: number): void {
  const library = useLibraryStore.getState();
  const total = library.total ?? 0;
  if (total === 0) return;
  const { selectedId, indexHint, pendingIndex } = useSelectionStore.getState();
  const current = pendingIndex ?? (selectedId ? library.indexOf(selectedId, indexHint) : -1);
  const next = current < 0 ? 0 : Math.min(total - 1, Math.max(0, current + delta));
  selectIndex(next);
}

export function selectIndex(index: number): void {
  const library = useLibraryStore.getState();
  const total = library.total ?? 0;
  if (total === 0) return;
  const target = Math.min(total - 1, Math.max(0, index));
  const row = library.rows[target];
  if (row) {
    selectSession(row.id, { index: target, reveal: true });
    return;
  }
  // Not loaded yet: scroll there (which loads it) and select it when it arrives.
  useSelectionStore.setState((state) => ({ pendingIndex: target, revealRequest: state.revealRequest + 1 }));
  library.showRange(target, target);
}

/** A row chosen before it was loaded (selectIndex) is selected as soon as it arrives. Called once, at start. */
export function selectPendingRowsWhenLoaded(): void {
  useLibraryStore.subscribe((state) => {
    const { pendingIndex } = useSelectionStore.getState();
    if (pendingIndex === null) return;
    const row = state.rows[pendingIndex];
    if (row) selectSession(row.id, { index: pendingIndex, reveal: true });
  });
}

export function selectedSession(): Session | null {
  const { selectedId } = useSelectionStore.getState();
  const session = useDetailStore.getState().session;
  return session && session.id === selectedId ? session : null;
}

export async function createSession(
  body: { title: string; projectPath?: string; kind?: SessionKind },
  options: { focusTitle?: boolean } = {},
): Promise<Session | null> {
  try {
    const session = await call(dock().createSession(body));
    useUiStore.getState().setPage('library');
    selectSession(session.id, { reveal: true, session });
    if (options.focusTitle) useUiStore.setState({ pendingTitleFocus: session.id });
    return session;
  } catch (error) {
    toastError(`Could not create the session: ${messageOf(error)}`);
    return null;
  }
}

export function createUntitledSession(): Promise<Session | null> {
  return createSession({ title: UNTITLED }, { focusTitle: true });
}

export async function openSession(id: string): Promise<void> {
  useDetailStore.getState().setOpenProblem(null);
  try {
    await call(dock().openSession(id));
    const session = useDetailStore.getState().session;
    if (session?.id === id)
      toastInfo(`Opening “${session.title}” in ${session.kind === 'Other' ? 'its app' : session.kind}…`);
  } catch (error) {
    const unavailable = codeOf(error) === 'open_failed' && reasonOf(error) === 'project_unavailable';
    const session = useDetailStore.getState().session;
    const hasPath = session?.id === id ? session.projectPath !== null : true;
    const message = unavailable
      ? hasPath
        ? 'Project not found at its saved location.'
        : 'This session has no project file yet.'
      : messageOf(error);
    useDetailStore.getState().setOpenProblem({ sessionId: id, message, relink: unavailable });
  }
}

export function openSelected(): void {
  const { selectedId } = useSelectionStore.getState();
  if (selectedId) void openSession(selectedId);
}

/** Lets the person pick the project file again (it moved) and saves it as the project path. */
export async function relinkProject(id: string): Promise<void> {
  let path: string | null;
  try {
    path = await call(dock().chooseProject());
  } catch (error) {
    toastError(`Could not show the file chooser: ${messageOf(error)}`);
    return;
  }
  if (path === null) return;
  const detail = useDetailStore.getState();
  detail.edit(id, 'projectPath', path, { immediate: true });
  await detail.flush(id, 'projectPath');
  const draft = useDetailStore.getState().drafts[id]?.projectPath;
  if (!draft?.error) {
    const problem = useDetailStore.getState().openProblem;
    if (problem?.sessionId === id) detail.setOpenProblem(null);
  }
}

export async function revealProject(id: string): Promise<void> {
  try {
    const { revealed } = await call(dock().revealSession(id));
    if (!revealed) toastError('The project is not at its saved location. Use Relink… to find it.');
  } catch (error) {
    toastError(messageOf(error));
  }
}

export async function deleteSession(id: string): Promise<void> {
  const library = useLibraryStore.getState();
  const session = useDetailStore.getState().session;
  const title =
    session?.id === id ? session.title : (library.rows[library.indexOf(id)]?.title ?? 'this session');
  const confirmed = await useDialogStore.getState().ask({
    title: `Delete “${title}”?`,
    message:
      'It is removed from your SessionDock library with its notes and tags. The project and its audio files on disk are not touched.',
    confirmLabel: 'Delete',
    danger: true,
    initialFocus: 'confirm',
  });
  if (!confirmed) return;

  // Select the neighbour that takes its place, as a list does after a delete.
  const rowsBefore = useLibraryStore.getState().rows;
  const index = useLibraryStore.getState().indexOf(id);
  const neighbour = index >= 0 ? (rowsBefore[index + 1] ?? rowsBefore[index - 1]) : undefined;
  const wasSelected = useSelectionStore.getState().selectedId === id;
  useDetailStore.getState().flushAll();
  try {
    await call(dock().deleteSession(id));
  } catch (error) {
    toastError(`Could not delete “${title}”: ${messageOf(error)}`);
    return;
  }
  useDetailStore.getState().forget(id);
  // The deletion event may already have cleared the selection; the neighbour takes it either way.
  const selectedNow = useSelectionStore.getState().selectedId;
  if (wasSelected && (selectedNow === id || selectedNow === null))
    selectSession(neighbour?.id ?? null, { reveal: true });
  useToastStore.getState().show({
    message: `Deleted “${title}”`,
    tone: 'info',
    timeoutMs: UNDO_TIMEOUT_MS,
    action: { label: 'Undo', testId: 'toast-undo', run: () => void restoreSession(id) },
  });
}

export function deleteSelected(): void {
  const { selectedId } = useSelectionStore.getState();
  if (selectedId) void deleteSession(selectedId);
}

export async function restoreSession(id: string): Promise<void> {
  try {
    const session = await call(dock().restoreSession(id));
    selectSession(session.id, { reveal: true, session });
  } catch (error) {
    toastError(`Could not undo the delete: ${messageOf(error)}`);
  }
}

/** Main asked the window to show a session (the API's focus, a second launch). */
export function focusSessionFromMain(id: string): void {
  useUiStore.getState().setPage('library');
  selectSession(id, { reveal: true });
}

/**
 * Space and the rows' play buttons: plays or pauses a session's preview: the one in the player
 * if it belongs to that session, else the preferred one.
 */
export function togglePreviewOf(session: Session): void {
  const player = usePlayerStore.getState();
  const previewId =
    player.sessionId === session.id && session.previews.some((preview) => preview.id === player.previewId)
      ? player.previewId
      : session.preferredPreviewId;
  if (previewId) void player.toggle(session.id, previewId);
}

export function playSelectedPreview(): void {
  const { session } = useDetailStore.getState();
  const { selectedId } = useSelectionStore.getState();
  if (session && session.id === selectedId) togglePreviewOf(session);
}
