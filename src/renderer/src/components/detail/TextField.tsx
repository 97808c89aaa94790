import type { Session } from '../../../../shared/domain';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

/** A labelled, autosaved single-line or multi-line text field (client, notes). */
export function TextField({
  session,
  field,
  label,
  placeholder,
  multiline = false,
}: {
  session: Session;
  field: 'client' | 'notes';
  label: string;
  placeholder?: string;
  multiline?: boolean;
}) {
  const draft = useDraftField(session, field);
  const inputId = `detail-${field}`;
  const errorId = `${inputId}-error`;
  const common = {
    id: inputId,
    value: draft.value,
    placeholder,
    'aria-invalid': draft.error !== null,
    'aria-describedby': draft.error ? errorId : undefined,
    'data-testid': inputId,
    onFocus: draft.onFocus,
    onBlur: draft.onBlur,
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      {multiline ? (
        <textarea
          {...common}
          className="input textarea"
          rows={8}
          onChange={(event) => draft.onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          className="input"
          spellCheck={false}
          onChange={(event) => draft.onChange(event.target.value)}
        />
      )}
      <FieldError id={errorId} message={draft.error} />
    </div>
  );
}
