// An image dropped or pasted, as artwork gets it: a file the window knows the path of is sent by
// path (main reads the user's file and never copies it); anything else (a browser's image, a
// screenshot in the clipboard) is sent as its bytes, for SessionDock to keep.
import { describeDroppedFile, isImage, pathOfFileUrl } from '../../lib/file-drop';
import { setArtworkFromBytes, setArtworkFromPath } from './artwork-actions';

export type ImageSource = { kind: 'path'; path: string } | { kind: 'bytes'; blob: Blob };

export function imageSourceOfFile(file: File): ImageSource {
  const { path } = describeDroppedFile(file);
  return path === null ? { kind: 'bytes', blob: file } : { kind: 'path', path };
}

/**
 * The image in a paste, or null: a copied image (bytes) or a copied image file (a File, or a
 * file:// URL as file managers put it). `takeText`: false while a text field has focus and the
 * clipboard holds text, so pasting a path into a field stays a text paste.
 */
export function imageFromClipboard(data: DataTransfer, takeText: boolean): ImageSource | null {
  for (const item of data.items) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (file && isImage(file.name, file.type)) return imageSourceOfFile(file);
  }
  if (!takeText) return null;
  const copied = pathOfFileUrl(data.getData('text/uri-list')) ?? pathOfFileUrl(data.getData('text/plain'));
  return copied !== null && isImage(copied) ? { kind: 'path', path: copied } : null;
}

/** Sets the session's artwork from what was dropped or pasted; true once it is set. */
export async function applyImageSource(sessionId: string, source: ImageSource): Promise<boolean> {
  if (source.kind === 'path') return setArtworkFromPath(sessionId, source.path);
  return setArtworkFromBytes(sessionId, source.blob);
}
