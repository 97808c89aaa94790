// Dropping project files on the window creates sessions (product.md §1). Only file drags are
// taken; text or links dragged inside the window behave as usual.
import { useEffect, useState } from 'react';
import { createSession } from '../actions/session-actions';
import { describeDroppedFile } from '../lib/file-drop';
import { useToastStore } from '../stores/toast-store';

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

/** True while files are dragged over the window (for the drop overlay). */
export function useFileDrop(): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child element; count them to know when the drag left.
    let depth = 0;
    const onEnter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const onOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Never let the browser navigate to the dropped file.
      event.preventDefault();
      depth = 0;
      setActive(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) void createFromFiles(files);
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
