import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useImportStore } from '../../stores/app-stores';
import { ImportProgressView, ImportSummary } from './ImportProgress';
import { ImportReview } from './ImportReview';
import { folderName } from '../../lib/labels';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), [tabindex="0"]';

/** "Add folder…": scanning, the review of what was found, the import's progress, the summary. */
export function ImportDialog() {
  const phase = useImportStore((state) => state.phase);
  const folder = useImportStore((state) => state.folder);
  const close = useImportStore((state) => state.close);
  const dialogRef = useRef<HTMLDivElement>(null);

  const open = phase !== 'idle';
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => previous?.focus();
  }, [open]);

  useEffect(() => {
    // Each phase puts the keyboard on its main button.
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [phase]);

  if (phase === 'idle') return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(); // ignored while importing: cancelling is an explicit button
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    // Focus stays inside the dialog.
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const index = focusable.indexOf(document.activeElement as HTMLElement);
    const next = event.shiftKey
      ? index <= 0
        ? focusable.length - 1
        : index - 1
      : index === focusable.length - 1
        ? 0
        : index + 1;
    event.preventDefault();
    focusable[next]!.focus();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={() => phase !== 'importing' && close()}>
      <div
        ref={dialogRef}
        className="dialog import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        data-phase={phase}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        {phase === 'scanning' && (
          <>
            <h2 id="import-title" className="dialog__title">
              Scanning {folderName(folder)}…
            </h2>
            <p className="dialog__message import-dialog__path">{folder}</p>
            <div className="progress progress--indeterminate" role="progressbar" aria-label="Scanning">
              <span className="progress__bar" />
            </div>
            <div className="dialog__actions">
              <button type="button" className="button" data-autofocus onClick={close}>
                Cancel
              </button>
            </div>
          </>
        )}
        {phase === 'review' && <ImportReview />}
        {phase === 'importing' && <ImportProgressView />}
        {phase === 'done' && <ImportSummary />}
      </div>
    </div>
  );
}
