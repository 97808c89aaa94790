// Setting and removing a session's artwork, shared by the detail panel's buttons, drops on the
// window, rows and cards, and paste. A user's image file is sent by path (main only reads it);
// an image that is not a file (a paste, a drag from a browser) is sent as its bytes, undecoded.
import type { ArtworkView } from '../../../../shared/ipc';
import { call, dock, messageOf } from '../../lib/bridge';
import { useArtworkStore } from '../../stores/app-stores';
import { toastError, toastInfo } from '../../stores/toast-store';
import { useArtworkDetailStore } from './artwork-detail-store';

/** `artwork:setImage`'s limit (src/shared/ipc.ts): larger bytes are refused here, not sent. */
export const PASTED_IMAGE_MAX_BYTES = 20 * 1024 * 1024;

/** An image file (chosen, dropped or copied) becomes the session's artwork. */
export function setArtworkFromPath(sessionId: string, path: string): Promise<boolean> {
  return setArtwork(sessionId, () => call(dock().setArtworkPath(sessionId, path)));
}

/** An image that is not a file: its bytes are stored by SessionDock (too large: refused here). */
export async function setArtworkFromBytes(sessionId: string, image: Blob): Promise<boolean> {
  if (image.size > PASTED_IMAGE_MAX_BYTES) {
    const megabytes = (image.size / 1024 / 1024).toFixed(1);
    toastError(
      `Could not set the artwork: the image must be at most ${PASTED_IMAGE_MAX_BYTES / 1024 / 1024} MiB (this one is ${megabytes} MiB).`,
    );
    return false;
  }
  const bytes = await image.arrayBuffer();
  return setArtwork(sessionId, () => call(dock().setArtworkImage(sessionId, bytes)));
}

/** "Choose…": the image picker, then the chosen file. */
export async function chooseArtwork(sessionId: string): Promise<void> {
  let path: string | null;
  try {
    path = await call(dock().chooseImage());
  } catch (error) {
    toastError(`Could not choose an image: ${messageOf(error)}`);
    return;
  }
  if (path !== null) await setArtworkFromPath(sessionId, path);
}

/** Forgets the artwork; a user's image file is never touched. */
export async function removeArtwork(sessionId: string): Promise<void> {
  const detail = useArtworkDetailStore.getState();
  detail.setBusy(sessionId, 'removing');
  try {
    await call(dock().removeArtwork(sessionId));
    useArtworkStore.getState().put(sessionId, null);
    detail.show(sessionId, null);
  } catch (error) {
    toastError(`Could not remove the artwork: ${sentence(messageOf(error))}`);
  } finally {
    detail.setBusy(sessionId, null);
  }
}

async function setArtwork(sessionId: string, send: () => Promise<ArtworkView>): Promise<boolean> {
  const detail = useArtworkDetailStore.getState();
  detail.setBusy(sessionId, 'setting');
  try {
    const view = await send();
    useArtworkStore.getState().put(sessionId, {
      source: view.source,
      smallUrl: view.smallUrl,
      largeUrl: view.largeUrl,
    });
    detail.show(sessionId, view);
    if (view.status !== 'ready' && view.message) toastInfo(`The artwork was set, but ${view.message}`);
    return true;
  } catch (error) {
    toastError(`Could not set the artwork: ${sentence(messageOf(error))}`);
    return false;
  } finally {
    detail.setBusy(sessionId, null);
  }
}

/** Main's messages are fragments ("path does not exist"): shown as a sentence. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
