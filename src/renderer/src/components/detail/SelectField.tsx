import { SESSION_KINDS, SESSION_STATUSES, type Session } from '../../../../shared/domain';
import { STATUS_LABELS } from '../../lib/labels';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

/** Kind (DAW) or status: saved the moment it changes. */
export function SelectField({ session, field }: { session: Session; field: 'kind' | 'status' }) {
  const draft = useDraftField(session, field);
  const inputId = `detail-${field}`;
  const options: readonly string[] = field === 'kind' ? SESSION_KINDS : SESSION_STATUSES;
  return (
    <div className="field">
      <label className="field__label" htmlFor={inputId}>
        {field === 'kind' ? 'DAW' : 'Status'}
      </label>
      <div className="select-field" data-status={field === 'status' ? draft.value : undefined}>
        {field === 'status' && <span className="status-dot" data-status={draft.value} aria-hidden="true" />}
        <select
          id={inputId}
          value={draft.value}
          data-testid={inputId}
          onChange={(event) => draft.onChange(event.target.value as Session[typeof field], true)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {field === 'status' ? STATUS_LABELS[option as keyof typeof STATUS_LABELS] : option}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${inputId}-error`} message={draft.error} />
    </div>
  );
}
