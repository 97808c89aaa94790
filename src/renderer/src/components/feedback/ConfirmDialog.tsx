import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useDialogStore } from '../../stores/dialog-store';

/** The one confirmation dialog: modal, focus kept inside, Escape cancels, Enter presses the focused button. */
export function ConfirmDialog() {
  const confirm = useDialogStore((state) => state.confirm);
  const answer = useDialogStore((state) => state.answer);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!confirm) return;
    // Focus returns where it was (the list, a button) once the dialog closes.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (confirm.initialFocus === 'cancel' ? cancelRef : confirmRef).current?.focus();
    return () => previous?.focus();
  }, [confirm]);

  if (!confirm) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(false);
    } else if (event.key === 'Tab') {
      // Two buttons: Tab and Shift+Tab move between them and never leave the dialog.
      event.preventDefault();
      (document.activeElement === confirmRef.current ? cancelRef : confirmRef).current?.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={() => answer(false)}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        data-testid="confirm-dialog"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2 id="confirm-title" className="dialog__title">
          {confirm.title}
        </h2>
        <p id="confirm-message" className="dialog__message">
          {confirm.message}
        </p>
        <div className="dialog__actions">
          <button
            ref={cancelRef}
            type="button"
            className="button"
            data-testid="confirm-cancel"
            onClick={() => answer(false)}
          >
            Cancel
          </button>
          <button
            ref={confirmRef}
            type="button"
            className={confirm.danger ? 'button button--danger-solid' : 'button button--primary'}
            data-testid="confirm-accept"
            onClick={() => answer(true)}
          >
            {confirm.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
