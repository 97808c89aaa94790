import { startNewCollection, startSaveSearch } from '../../actions/collection-actions';
import { smartQueryOf } from '../../lib/smart-query';
import { useCollectionsStore, useLibraryStore } from '../../stores/app-stores';
import { useCollectionsUiStore } from '../../stores/collections-ui-store';
import { useUiStore } from '../../stores/ui-store';
import { PlusIcon } from '../icons';
import { CollectionItem } from './CollectionItem';
import { SmartCollectionIcon } from './CollectionIcons';
import { CollectionNameField } from './CollectionNameField';

/**
 * The sidebar's Collections (issue 13): every collection in the user's order with its count (smart
 * ones marked), New collection (+), and "Save search as smart collection" while the view is a
 * search or a filter. Sessions dragged from the list or grid drop onto a manual one.
 */
export function CollectionsSection() {
  const collections = useCollectionsStore((state) => state.collections);
  const shownId = useLibraryStore((state) =>
    state.query.scope.type === 'collection' ? state.query.scope.id : null,
  );
  const canSaveSearch = useLibraryStore((state) => smartQueryOf(state.query) !== null);
  const onLibrary = useUiStore((state) => state.page === 'library');
  const edit = useCollectionsUiStore((state) => state.edit);

  return (
    <section aria-label="Collections" data-testid="collections-section">
      <div className="sidebar__heading sidebar__heading--with-action">
        Collections
        <button
          type="button"
          className="sidebar__heading-button"
          aria-label="New collection"
          title="New collection"
          data-testid="collection-new"
          onClick={() => startNewCollection()}
        >
          <PlusIcon size={13} />
        </button>
      </div>
      <div className="sidebar__group">
        {collections.map((collection) =>
          edit?.type === 'rename' && edit.id === collection.id ? (
            <CollectionNameField key={collection.id} edit={edit} initialName={collection.name} />
          ) : (
            <CollectionItem
              key={collection.id}
              collection={collection}
              active={onLibrary && shownId === collection.id}
            />
          ),
        )}
        {edit?.type === 'create' && (
          <CollectionNameField key="new" edit={edit} initialName={edit.initialName} />
        )}
        {collections.length === 0 && edit === null && (
          <p className="sidebar__hint">Group sessions: make a collection, then drag sessions onto it.</p>
        )}
        {canSaveSearch && edit?.type !== 'create' && (
          <button
            type="button"
            className="sidebar-item collection-save-search"
            data-testid="save-smart-collection"
            title="Keep this search and these filters as a collection that updates itself"
            onClick={startSaveSearch}
          >
            <span className="sidebar-item__icon">
              <SmartCollectionIcon />
            </span>
            <span className="sidebar-item__label">Save search as smart collection</span>
          </button>
        )}
      </div>
    </section>
  );
}
