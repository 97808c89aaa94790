import { useEffect, useRef } from 'react';
import type { Session } from '../../../../shared/domain';
import { relinkProject, revealProject } from '../../actions/session-actions';
import { useProjectExists } from '../../stores/path-check-store';
import { FolderIcon, WarningIcon } from '../icons';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

/** The project on disk: typed or chosen, revealed in the file manager, flagged when missing. */
export function ProjectPathField({ session }: { session: Session }) {
  const draft = useDraftField(session, 'projectPath');
  const exists = useProjectExists(session.projectPath);
  const missing = session.projectPath !== null && exists === false;
  const inputRef = useRef<HTMLInputElement>(null);
  const value = draft.value ?? '';

  // A long path shows its end (the file name) while nobody is editing it.
  useEffect(() => {
    const input = inputRef.current;
    if (input && document.activeElement !== input) input.scrollLeft = input.scrollWidth;
  }, [value]);

  return (
    <div className="field">
      <label className="field__label" htmlFor="detail-project-path">
        Project file
      </label>
      <input
        ref={inputRef}
        id="detail-project-path"
        className={missing ? 'input input--mono input--warning' : 'input input--mono'}
        value={value}
        placeholder="No project file yet"
        spellCheck={false}
        title={value || undefined}
        aria-invalid={draft.error !== null}
        aria-describedby={draft.error ? 'detail-project-path-error' : undefined}
        data-testid="detail-project-path"
        onFocus={draft.onFocus}
        onBlur={(event) => {
          draft.onBlur();
          event.currentTarget.scrollLeft = event.currentTarget.scrollWidth;
        }}
        onChange={(event) => draft.onChange(event.target.value)}
      />
      <FieldError id="detail-project-path-error" message={draft.error} />
      {missing && !draft.error && (
        <p className="field-warning" data-testid="detail-project-missing">
          <WarningIcon size={13} className="field-warning__icon" />
          <span>Not found at this location. It may have been moved or renamed.</span>
        </p>
      )}
      <div className="path-actions">
        <button
          type="button"
          className="button button--small"
          data-testid="detail-choose-project"
          onClick={() => void relinkProject(session.id)}
        >
          {missing ? 'Relink…' : 'Choose…'}
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="detail-reveal"
          disabled={session.projectPath === null}
          onClick={() => void revealProject(session.id)}
        >
          <FolderIcon size={13} />
          Reveal in folder
        </button>
      </div>
    </div>
  );
}
