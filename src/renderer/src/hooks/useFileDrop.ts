// Drops on the window (product.md §1–2): project files create sessions, a folder is scanned for
// projects, audio files become previews of the selected session, an image becomes the artwork of
// the session it is dropped on (a row, a card, the detail panel) or else of the selected one.
// Only file drags are taken; text or links dragged inside the window behave as usual.
import { useEffect, useState } from 'react';
import { scanFolder } from '../actions/import-actions';
import { attachPreviewFiles } from '../actions/preview-actions';
import { createSession } from '../actions/session-actions';
import { applyImageSource, imageSourceOfFile } from '../components/artwork/image-transfer';
import { describeDroppedFile, intentOf, isImage } from '../lib/file-drop';
import { useSelectionStore } from '../stores/selection-store';
import { toastInfo, useToastStore } from '../stores/toast-store';

const MAX_FILES_PER_DROP = 50;

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

async function createFromFiles(files: File[]): Promise<void> {
  let withoutPath = 0;
  for (const file of files.slice(0, MAX_FILES_PER_DROP)) {
    const dropped = describeDroppedFile(file);
    if (dropped.path === null) withoutPath++;
    const body = dropped.path
      ? { title: dropped.title, projectPath: dropped.path }
      : { title: dropped.title, ...(dropped.kind ? { kind: dropped.kind } : {}) };
    await createSession(body);
  }
  if (withoutPath > 0) {
    useToastStore.getState().show({
      tone: 'info',
      timeoutMs: 8000,
      message:
        withoutPath === 1
          ? 'Created from the file name only: this window cannot read where the file is. Set its project with Choose….'
          : `Created ${withoutPath} sessions from file names only: set each project with Choose….`,
    });
  }
}

interface DroppedItem {
  file: File;
  isDirectory: boolean;
}

/** Reads what was dropped; must run inside the drop event (the entries vanish after it). */
function droppedItems(transfer: DataTransfer | null): DroppedItem[] {
  if (!transfer) return [];
  const items: DroppedItem[] = [];
  for (const item of transfer.items) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (file) items.push({ file, isDirectory: item.webkitGetAsEntry?.()?.isDirectory ?? false });
  }
  return items;
}

/**
 * The session a dropped image is for: the row, card or detail panel under the pointer, else the
 * selected session (shown in the detail panel). Null when there is none.
 */
function imageTargetAt(target: EventTarget | null): HTMLElement | null {
  const element = target instanceof Element ? target : null;
  const under = element?.closest<HTMLElement>('[data-session-id]');
  if (under) return under;
  return document.querySelector<HTMLElement>('.detail-panel[data-session-id]');
}

/** Marks the element an image would land on (styles/artwork.css), one at a time. */
function markImageTarget(element: HTMLElement | null): void {
  for (const marked of document.querySelectorAll<HTMLElement>('[data-image-drop]'))
    if (marked !== element) delete marked.dataset.imageDrop;
  if (element) element.dataset.imageDrop = 'over';
}

/** True when everything dragged is an image (types are readable during the drag, names are not). */
function dragsOnlyImages(transfer: DataTransfer | null): boolean {
  if (!transfer || transfer.items.length === 0) return false;
  for (const item of transfer.items)
    if (item.kind !== 'file' || !item.type.startsWith('image/')) return false;
  return true;
}

async function handleImageDrop(images: File[], sessionId: string | null): Promise<void> {
  if (!sessionId) {
    toastInfo('Select a session first: a dropped image becomes its artwork.');
    return;
  }
  if (images.length > 1) toastInfo('A session has one image: the first one dropped was used.');
  await applyImageSource(sessionId, imageSourceOfFile(images[0]!));
}

async function handleDrop(items: DroppedItem[], imageSessionId: string | null): Promise<void> {
  const projects: File[] = [];
  const audio: string[] = [];
  const images: File[] = [];
  const folders: string[] = [];
  let unknownPaths = 0;
  for (const { file, isDirectory } of items) {
    const intent = intentOf(file.name, isDirectory, file.type);
    if (intent === 'project') {
      projects.push(file);
      continue;
    }
    if (intent === 'image') {
      // Sent as bytes when the window cannot know its path (a browser's image).
      images.push(file);
      continue;
    }
    const path = describeDroppedFile(file).path;
    if (path === null) unknownPaths++;
    else (intent === 'audio' ? audio : folders).push(path);
  }
  if (images.length > 0) await handleImageDrop(images, imageSessionId);
  if (projects.length > 0) await createFromFiles(projects);
  if (audio.length > 0) {
    const sessionId = useSelectionStore.getState().selectedId;
    if (sessionId) await attachPreviewFiles(sessionId, audio);
    else toastInfo('Select a session first: dropped audio files become its previews.');
  }
  if (folders.length > 0) {
    if (folders.length > 1) toastInfo('Scanning the first folder; add the others one at a time.');
    await scanFolder(folders[0]!);
  }
  if (unknownPaths > 0)
    toastInfo('This window cannot read where the dropped items are. Use Add folder… instead.');
}

/**
 * True while files are dragged over the window (for the drop overlay). Images alone show no
 * overlay: the row, card or detail panel they would land on is marked instead.
 */
export function useFileDrop(): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child element; count them to know when the drag left.
    let depth = 0;
    const onEnter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(!dragsOnlyImages(event.dataTransfer));
    };
    const onOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      markImageTarget(dragsOnlyImages(event.dataTransfer) ? imageTargetAt(event.target) : null);
    };
    const onLeave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        setActive(false);
        markImageTarget(null);
      }
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Never let the browser navigate to the dropped file.
      event.preventDefault();
      depth = 0;
      setActive(false);
      markImageTarget(null);
      const items = droppedItems(event.dataTransfer);
      const hasImage = items.some(({ file }) => isImage(file.name, file.type));
      const imageSessionId = hasImage ? (imageTargetAt(event.target)?.dataset.sessionId ?? null) : null;
      if (items.length > 0) void handleDrop(items, imageSessionId);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return active;
}
