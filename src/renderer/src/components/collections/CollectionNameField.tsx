import { useEffect, useRef, useState } from 'react';
import { COLLECTION_LIMITS } from '../../../../shared/domain';
import { submitName } from '../../actions/collection-actions';
import { useCollectionsUiStore, type NameEdit } from '../../stores/collections-ui-store';
import { CollectionIcon, SmartCollectionIcon } from './CollectionIcons';

/**
 * The sidebar's inline name field: a new collection's name (manual, or a smart one from the
 * search), or a rename. Enter saves, Escape cancels, leaving the field saves what was typed (or
 * cancels when it is empty); a name main refuses stays, with the reason under it.
 */
export function CollectionNameField({ edit, initialName }: { edit: NameEdit; initialName: string }) {
  const [name, setName] = useState(initialName);
  const error = useCollectionsUiStore((state) => state.error);
  const endEdit = useCollectionsUiStore((state) => state.endEdit);
  const input = useRef<HTMLInputElement>(null);
  // Enter then blur (the field unmounts once saved) must not save twice.
  const busy = useRef(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = async (): Promise<void> => {
    if (busy.current) return;
    if (name.trim() === '') {
      endEdit();
      return;
    }
    busy.current = true;
    const done = await submitName(edit, name);
    busy.current = false;
    if (!done) input.current?.focus();
  };

  const smart = edit.type === 'create' && edit.query !== null;
  const label =
    edit.type === 'rename' ? 'Collection name' : smart ? 'Smart collection name' : 'New collection name';
  return (
    <div className="collection-name-field" data-testid="collection-name-field">
      <span className="sidebar-item__icon">{smart ? <SmartCollectionIcon /> : <CollectionIcon />}</span>
      <input
        ref={input}
        className="input input--small collection-name-field__input"
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? 'collection-name-error' : undefined}
        maxLength={COLLECTION_LIMITS.nameMax * 2}
        value={name}
        data-testid="collection-name-input"
        onChange={(event) => {
          setName(event.target.value);
          if (error) useCollectionsUiStore.getState().setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            endEdit();
          }
        }}
        onBlur={() => {
          // A refused name keeps the field open until it is fixed or cancelled.
          if (!error) void save();
        }}
      />
      {error && (
        <p
          id="collection-name-error"
          className="collection-name-field__error"
          role="alert"
          data-testid="collection-name-error"
        >
          {error}
        </p>
      )}
    </div>
  );
}
