import { useCollectionsStore, useLibraryStore } from '../../stores/app-stores';
import { EmptyState } from '../library/EmptyState';

/** A collection shown with nothing in it (issue 13): how sessions get there. */
export function EmptyCollection({ id }: { id: string }) {
  const collection = useCollectionsStore((state) => state.collections.find((c) => c.id === id));
  const showEverything = useLibraryStore((state) => state.showEverything);
  const smart = collection?.kind === 'smart';
  return (
    <EmptyState
      testId="empty-collection"
      title={collection ? `“${collection.name}” is empty` : 'This collection is empty'}
      actions={
        <button type="button" className="button" onClick={showEverything}>
          Show all sessions
        </button>
      }
    >
      {smart
        ? 'No session matches its search yet: it fills itself as sessions that match are added or changed.'
        : 'Drag sessions from the list onto it in the sidebar, or right-click sessions and choose Add to collection.'}
    </EmptyState>
  );
}
