import { useId, useState, type KeyboardEvent } from 'react';
import { LIMITS, type Session } from '../../../../shared/domain';
import { normalizeTag, tagKey } from '../../../../shared/validation';
import { useCountsStore } from '../../stores/app-stores';
import { CloseIcon } from '../icons';
import { FieldError } from './FieldError';
import { useDraftField } from './useDraftField';

const MAX_SUGGESTIONS = 8;

/**
 * Tags as chips with an input: Enter or comma adds, Backspace in an empty input removes the last,
 * duplicates are dropped case-insensitively (first spelling wins, as the service does). Suggestions
 * come from the library's existing tags. Text left in the input is added on blur, never dropped.
 */
export function TagInput({ session }: { session: Session }) {
  const draft = useDraftField(session, 'tags');
  const allTags = useCountsStore((state) => state.tags);
  const [text, setText] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const tags = draft.value;

  const present = new Set(tags.map(tagKey));
  const needle = tagKey(text);
  const suggestions =
    needle === ''
      ? []
      : allTags
          .filter((entry) => !present.has(tagKey(entry.tag)) && matchesWordStart(entry.tag, needle))
          // Tags that start with what was typed first; the store's order (most used) within each.
          .sort(
            (a, b) => Number(!tagKey(a.tag).startsWith(needle)) - Number(!tagKey(b.tag).startsWith(needle)),
          )
          .slice(0, MAX_SUGGESTIONS);
  const showSuggestions = open && suggestions.length > 0;

  const save = (next: string[]): void => draft.onChange(next, true);
  const add = (raw: string): void => {
    const parts = raw
      .split(',')
      .map(normalizeTag)
      .filter((part) => part !== '');
    setText('');
    setHighlight(0);
    if (parts.length === 0) return;
    const next = [...tags];
    const keys = new Set(next.map(tagKey));
    for (const part of parts) {
      if (keys.has(tagKey(part))) continue;
      keys.add(tagKey(part));
      next.push(part);
    }
    if (next.length !== tags.length) save(next);
  };
  const remove = (index: number): void => save(tags.filter((_, i) => i !== index));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && showSuggestions) {
      event.preventDefault();
      setHighlight((highlight + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && showSuggestions) {
      event.preventDefault();
      setHighlight((highlight - 1 + suggestions.length) % suggestions.length);
    } else if (
      event.key === 'Enter' ||
      event.key === ',' ||
      (event.key === 'Tab' && showSuggestions && !event.shiftKey)
    ) {
      const chosen = showSuggestions ? suggestions[highlight]?.tag : undefined;
      if (event.key === 'Tab' || text.trim() !== '' || chosen) event.preventDefault();
      // Enter and Tab take the highlighted suggestion; a comma always ends what was typed.
      add(event.key === ',' || !chosen ? text : chosen);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      event.preventDefault();
      remove(tags.length - 1);
    } else if (event.key === 'Escape' && (showSuggestions || text !== '')) {
      // First Escape closes the suggestions, the next discards the half-typed tag; only then does
      // Escape leave the field (the window's handler), which would add what is typed.
      event.stopPropagation();
      if (showSuggestions) setOpen(false);
      else setText('');
    }
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor="detail-tags-input">
        Tags
      </label>
      <div className="tag-input" data-testid="detail-tags">
        {tags.map((tag, index) => (
          <span key={tagKey(tag)} className="tag-input__chip" data-testid="detail-tag">
            {tag}
            <button
              type="button"
              className="tag-input__remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => remove(index)}
            >
              <CloseIcon size={10} />
            </button>
          </span>
        ))}
        <input
          id="detail-tags-input"
          className="tag-input__field"
          value={text}
          placeholder={tags.length === 0 ? 'Add tags…' : ''}
          maxLength={LIMITS.tagMax * 4}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={showSuggestions}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showSuggestions ? `${listId}-${highlight}` : undefined}
          data-testid="detail-tags-input"
          onFocus={() => setOpen(true)}
          onChange={(event) => {
            const value = event.target.value;
            // A pasted "a, b, c" becomes three tags at once.
            if (value.includes(',')) add(value);
            else {
              setText(value);
              setHighlight(0);
              setOpen(true);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            if (text.trim() !== '') add(text);
          }}
        />
        {showSuggestions && (
          <ul className="tag-input__suggestions" id={listId} role="listbox" data-testid="tag-suggestions">
            {suggestions.map((entry, index) => (
              <li
                key={entry.tag}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === highlight}
                className="tag-input__suggestion"
                // mousedown, not click: it must land before the input's blur adds the typed text.
                onMouseDown={(event) => {
                  event.preventDefault();
                  add(entry.tag);
                }}
              >
                <span>{entry.tag}</span>
                <span className="tag-input__suggestion-count">{entry.count}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldError id="detail-tags-error" message={draft.error} />
    </div>
  );
}

/** Like search: what was typed must start the tag or one of its words ("mix" finds "needs mix"). */
function matchesWordStart(tag: string, needle: string): boolean {
  const key = tagKey(tag);
  return key.startsWith(needle) || key.split(/[\s\-_/]+/).some((word) => word.startsWith(needle));
}
