import { useId, useState, type MouseEvent } from 'react';
import { bulkAddTag, bulkDelete, bulkRemoveTag, tagsOfSessions } from '../../actions/bulk-actions';
import { addToCollectionItems, setStatusItems } from '../../actions/session-menu';
import { selectionInListOrder } from '../../actions/selection-actions';
import { useCountsStore } from '../../stores/app-stores';
import { useContextMenuStore, type MenuItem } from '../../stores/context-menu-store';
import { TagIcon, TrashIcon } from '../icons';

/** Opens a menu under the button that was pressed. */
function openMenuBelow(
  event: MouseEvent<HTMLButtonElement>,
  label: string,
  items: MenuItem[],
  testId: string,
): void {
  const rect = event.currentTarget.getBoundingClientRect();
  useContextMenuStore.getState().open({ x: rect.left, y: rect.bottom + 4, label, items, testId });
}

/**
 * The actions on a multi-selection (issue 13): Add to collection ▾, Set status ▾, Add tag…,
 * Remove tag ▾, Delete. Shown by the bulk bar over the list and by the detail panel; `testIdPrefix`
 * keeps the two apart. The selection is read when a button is pressed, never subscribed to here.
 */
export function BulkActions({ testIdPrefix }: { testIdPrefix: string }) {
  const [tagging, setTagging] = useState(false);
  const id = (name: string): string => `${testIdPrefix}-${name}`;

  if (tagging) return <TagPrompt testIdPrefix={testIdPrefix} onDone={() => setTagging(false)} />;
  return (
    <div className="bulk-actions" role="group" aria-label="Actions on the selected sessions">
      <button
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        data-testid={id('add-to-collection')}
        onClick={(event) =>
          openMenuBelow(event, 'Add to collection', addToCollectionItems(selectionInListOrder()), 'bulk-menu')
        }
      >
        Add to collection ▾
      </button>
      <button
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        data-testid={id('set-status')}
        onClick={(event) =>
          openMenuBelow(event, 'Set status', setStatusItems(selectionInListOrder()), 'bulk-menu')
        }
      >
        Set status ▾
      </button>
      <button
        type="button"
        className="button button--small"
        data-testid={id('add-tag')}
        onClick={() => setTagging(true)}
      >
        <TagIcon size={13} /> Add tag…
      </button>
      <button
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        data-testid={id('remove-tag')}
        onClick={(event) => {
          const ids = selectionInListOrder();
          const tags = tagsOfSessions(ids);
          const items: MenuItem[] =
            tags.length === 0
              ? [{ label: 'No tags on the loaded sessions', disabled: true }]
              : tags.map((tag) => ({
                  label: tag,
                  testId: 'menu-remove-tag',
                  run: () => void bulkRemoveTag(ids, tag),
                }));
          openMenuBelow(event, 'Remove tag', items, 'bulk-menu');
        }}
      >
        Remove tag ▾
      </button>
      <button
        type="button"
        className="button button--small button--danger"
        data-testid={id('delete')}
        onClick={() => void bulkDelete(selectionInListOrder())}
      >
        <TrashIcon size={13} /> Delete
      </button>
    </div>
  );
}

/** "Add tag…": a tag typed (the library's tags suggested); Enter adds it to every selected session. */
function TagPrompt({ testIdPrefix, onDone }: { testIdPrefix: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const tags = useCountsStore((state) => state.tags);
  const listId = useId();
  const add = (): void => {
    const tag = text.trim();
    onDone();
    if (tag !== '') void bulkAddTag(selectionInListOrder(), tag);
  };
  return (
    <div
      className="bulk-actions bulk-actions--prompt"
      role="group"
      aria-label="Add a tag to the selected sessions"
    >
      <input
        // The field exists only to be typed in.
        autoFocus
        className="input input--small bulk-actions__tag-input"
        placeholder="Tag to add"
        aria-label="Tag to add"
        list={listId}
        maxLength={80}
        value={text}
        data-testid={`${testIdPrefix}-tag-input`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onDone();
          }
        }}
      />
      <datalist id={listId}>
        {tags.slice(0, 50).map((entry) => (
          <option key={entry.tag} value={entry.tag} />
        ))}
      </datalist>
      <button
        type="button"
        className="button button--small button--primary"
        data-testid={`${testIdPrefix}-tag-add`}
        onClick={add}
      >
        Add
      </button>
      <button type="button" className="button button--small button--ghost" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}
