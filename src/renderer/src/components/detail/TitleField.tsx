import { useEffect, useRef } from 'react';
import type { Session } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/domain';
import { useUiStore } from '../../stores/ui-store';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

/** The title, edited in place at the top of the panel; takes focus for a new session. */
export function TitleField({ session }: { session: Session }) {
  const field = useDraftField(session, 'title');
  const pendingFocus = useUiStore((state) => state.pendingTitleFocus);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (pendingFocus !== session.id) return;
    inputRef.current?.focus();
    inputRef.current?.select();
    useUiStore.setState({ pendingTitleFocus: null });
  }, [pendingFocus, session.id]);

  return (
    <div className="detail-title">
      <input
        ref={inputRef}
        className="detail-title__input"
        value={field.value}
        aria-label="Title"
        aria-invalid={field.error !== null}
        aria-describedby={field.error ? 'detail-title-error' : undefined}
        maxLength={LIMITS.titleMax * 2}
        spellCheck={false}
        data-testid="detail-title"
        onFocus={field.onFocus}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
        onKeyDown={(event) => {
          // Enter confirms the title, like renaming a file.
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
      <FieldError id="detail-title-error" message={field.error} />
    </div>
  );
}
