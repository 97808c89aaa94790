import { useState, type DragEvent } from 'react';
import type { Collection } from '../../../../shared/domain';
import { collectionDragOver, dropOnCollection } from '../../actions/drag-actions';
import { deleteCollection, moveCollection, showCollection } from '../../actions/collection-actions';
import { useCollectionsStore } from '../../stores/app-stores';
import { useCollectionsUiStore } from '../../stores/collections-ui-store';
import { useContextMenuStore } from '../../stores/context-menu-store';
import { CollectionIcon, SmartCollectionIcon } from './CollectionIcons';

/**
 * One collection in the sidebar: click shows it, double-click renames, right-click offers rename,
 * move and delete. A manual one takes dragged sessions, highlighted while they hover over it; a
 * smart one refuses them (its sessions are what its search finds).
 */
export function CollectionItem({ collection, active }: { collection: Collection; active: boolean }) {
  const [hover, setHover] = useState<'accept' | 'refuse' | null>(null);
  const smart = collection.kind === 'smart';

  const onDragOver = (event: DragEvent<HTMLButtonElement>): void => {
    const next = collectionDragOver(event, collection);
    if (next !== hover) setHover(next);
  };
  const onDragLeave = (event: DragEvent<HTMLButtonElement>): void => {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    setHover(null);
  };

  return (
    <button
      type="button"
      className={[
        'sidebar-item',
        'collection-item',
        active ? 'sidebar-item--active' : '',
        hover === 'accept' ? 'collection-item--drop' : '',
        hover === 'refuse' ? 'collection-item--refuse' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-current={active ? 'true' : undefined}
      title={smart ? `${collection.name} — smart collection (a saved search)` : collection.name}
      data-testid="collection-item"
      data-collection-id={collection.id}
      data-kind={collection.kind}
      data-drop-target={hover === 'accept' ? 'true' : undefined}
      onClick={() => showCollection(collection)}
      onDoubleClick={() => useCollectionsUiStore.getState().startEdit({ type: 'rename', id: collection.id })}
      onContextMenu={(event) => {
        event.preventDefault();
        openCollectionMenu(collection, event.clientX, event.clientY);
      }}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={(event) => {
        setHover(null);
        if (collection.kind === 'manual') dropOnCollection(event, collection);
      }}
    >
      <span className="sidebar-item__icon">{smart ? <SmartCollectionIcon /> : <CollectionIcon />}</span>
      <span className="sidebar-item__label">
        {collection.name}
        {smart && <span className="visually-hidden"> (smart collection)</span>}
      </span>
      <span className="sidebar-item__count" data-testid="collection-count">
        {collection.sessionCount.toLocaleString('en-US')}
      </span>
    </button>
  );
}

function openCollectionMenu(collection: Collection, x: number, y: number): void {
  const count = useCollectionsStore.getState().collections.length;
  useContextMenuStore.getState().open({
    x,
    y,
    label: collection.name,
    testId: 'collection-menu',
    items: [
      {
        label: 'Rename',
        testId: 'collection-rename',
        run: () => useCollectionsUiStore.getState().startEdit({ type: 'rename', id: collection.id }),
      },
      {
        label: 'Move up',
        testId: 'collection-move-up',
        disabled: collection.position === 0,
        run: () => void moveCollection(collection, collection.position - 1),
      },
      {
        label: 'Move down',
        testId: 'collection-move-down',
        disabled: collection.position >= count - 1,
        run: () => void moveCollection(collection, collection.position + 1),
      },
      {
        label: 'Delete collection…',
        testId: 'collection-delete',
        danger: true,
        separator: true,
        run: () => void deleteCollection(collection),
      },
    ],
  });
}
