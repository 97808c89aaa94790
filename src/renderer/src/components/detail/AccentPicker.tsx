import { useRef, type KeyboardEvent } from 'react';
import { SESSION_ACCENTS, type Session, type SessionAccent } from '../../../../shared/domain';
import { ACCENT_LABELS } from '../../lib/labels';
import { CheckIcon } from '../icons';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

/** The accent colour as a row of swatches (a radio group: arrow keys move between them). */
export function AccentPicker({ session }: { session: Session }) {
  const draft = useDraftField(session, 'accent');
  const groupRef = useRef<HTMLDivElement>(null);
  const choose = (accent: SessionAccent): void => draft.onChange(accent, true);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    event.stopPropagation();
    const index = SESSION_ACCENTS.indexOf(draft.value);
    const next = SESSION_ACCENTS[(index + step + SESSION_ACCENTS.length) % SESSION_ACCENTS.length]!;
    choose(next);
    groupRef.current?.querySelector<HTMLButtonElement>(`[data-accent="${next}"]`)?.focus();
  };

  return (
    <div className="field">
      <span className="field__label" id="detail-accent-label">
        Accent
      </span>
      <div
        ref={groupRef}
        className="accent-picker"
        role="radiogroup"
        aria-labelledby="detail-accent-label"
        onKeyDown={onKeyDown}
      >
        {SESSION_ACCENTS.map((accent) => {
          const checked = draft.value === accent;
          return (
            <button
              key={accent}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-label={ACCENT_LABELS[accent]}
              title={ACCENT_LABELS[accent]}
              tabIndex={checked ? 0 : -1}
              className="accent-swatch"
              data-accent={accent}
              data-testid={`accent-${accent}`}
              onClick={() => choose(accent)}
            >
              {checked && <CheckIcon size={12} />}
            </button>
          );
        })}
      </div>
      <FieldError id="detail-accent-error" message={draft.error} />
    </div>
  );
}
