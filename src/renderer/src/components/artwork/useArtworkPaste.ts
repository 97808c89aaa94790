import { useEffect } from 'react';
import { applyImageSource, imageFromClipboard } from './image-transfer';

/**
 * ⌘/Ctrl+V with focus in the detail panel sets the shown session's artwork from an image in the
 * clipboard (bytes, or a copied image file). A text paste into one of the panel's fields stays a
 * text paste.
 */
export function useArtworkPaste(sessionId: string): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const target = event.target instanceof Element ? event.target : null;
      if (!event.clipboardData || !target?.closest('.detail-panel')) return;
      const editable = isEditable(target);
      if (editable && event.clipboardData.types.includes('text/plain')) return;
      const source = imageFromClipboard(event.clipboardData, !editable);
      if (!source) return;
      event.preventDefault();
      void applyImageSource(sessionId, source);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [sessionId]);
}

function isEditable(element: Element): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}
