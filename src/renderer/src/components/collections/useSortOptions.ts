import { SORT_OPTIONS, type SortOption } from '../../lib/labels';
import { useCollectionsStore, useLibraryStore } from '../../stores/app-stores';
import { OWN_ORDER_SORT } from '../../stores/library-query';

const OWN_ORDER_OPTION: SortOption = { value: OWN_ORDER_SORT, label: 'Collection order' };
const WITH_OWN_ORDER = [OWN_ORDER_OPTION, ...SORT_OPTIONS];

/** The sort menu's choices: a manual collection's own order first while one is shown (issue 13). */
export function useSortOptions(): SortOption[] {
  const manualShown = useLibraryStore((state) => {
    const { scope } = state.query;
    return scope.type === 'collection' ? scope.id : null;
  });
  const isManual = useCollectionsStore((state) =>
    manualShown === null ? false : state.collections.some((c) => c.id === manualShown && c.kind === 'manual'),
  );
  return isManual ? WITH_OWN_ORDER : SORT_OPTIONS;
}
