// Previews of a session: add (choose or drop audio files), remove, choose the preferred one.
// The files themselves are only ever read; removing a preview forgets it, nothing more.
import type { Session } from '../../../shared/domain';
import { call, dock, messageOf } from '../lib/bridge';
import { useDialogStore } from '../stores/dialog-store';
import { usePlayerStore } from '../stores/app-stores';
import { toastError, toastInfo } from '../stores/toast-store';

export async function attachPreviewFiles(sessionId: string, paths: string[]): Promise<void> {
  let added = 0;
  for (const path of paths) {
    try {
      await call(dock().attachPreview(sessionId, { path }));
      added++;
    } catch (error) {
      toastError(`Could not add ${fileName(path)}: ${messageOf(error)}`);
    }
  }
  if (added > 1) toastInfo(`Added ${added} previews.`);
}

export async function choosePreviewFiles(sessionId: string): Promise<void> {
  try {
    const paths = await call(dock().chooseAudioFiles());
    if (paths.length > 0) await attachPreviewFiles(sessionId, paths);
  } catch (error) {
    toastError(`Could not choose audio files: ${messageOf(error)}`);
  }
}

export async function removePreview(session: Session, previewId: string): Promise<void> {
  const preview = session.previews.find((candidate) => candidate.id === previewId);
  if (!preview) return;
  const ok = await useDialogStore.getState().ask({
    title: `Remove “${preview.name}”?`,
    message:
      'The preview and its waveform notes are removed from SessionDock. The audio file itself stays where it is, untouched.',
    confirmLabel: 'Remove preview',
    danger: true,
  });
  if (!ok) return;
  const player = usePlayerStore.getState();
  if (player.previewId === previewId) player.unload();
  try {
    await call(dock().detachPreview(session.id, previewId));
  } catch (error) {
    toastError(`Could not remove the preview: ${messageOf(error)}`);
  }
}

/** The user's choice of the preview played by default (detection never overrides it). */
export async function preferPreview(sessionId: string, previewId: string): Promise<void> {
  try {
    await call(dock().preferPreview(sessionId, previewId));
  } catch (error) {
    toastError(`Could not make it the preferred preview: ${messageOf(error)}`);
  }
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
