import { useEffect, useRef } from 'react';
import { SESSION_LIST_ID } from '../../actions/keyboard-shortcuts';
import { useLibraryStore } from '../../stores/app-stores';
import { useSelectionStore } from '../../stores/selection-store';
import { HEADER_HEIGHT, ListHeader } from './ListHeader';
import { optionId, PlaceholderRow, ROW_HEIGHT, SessionRow } from './SessionRow';
import { useFixedVirtualizer } from './useFixedVirtualizer';
import { isShown, useRevealSelection } from './useRevealSelection';

/**
 * The list view: a listbox whose options are only the rows on screen (plus a few), positioned in a
 * spacer as tall as `meta.total` rows (compressed past MAX_SCROLL_HEIGHT), so a 1,000,000-session
 * library scrolls like a short one.
 */
export function SessionList() {
  const total = useLibraryStore((state) => state.total) ?? 0;
  const rows = useLibraryStore((state) => state.rows);
  // rows is filled in place: revision is what changes when it does.
  useLibraryStore((state) => state.revision);
  const queryVersion = useLibraryStore((state) => state.queryVersion);
  const selectedId = useSelectionStore((state) => state.selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useFixedVirtualizer({
    count: total,
    itemSize: ROW_HEIGHT,
    scrollRef,
    overscan: 12,
    startOffset: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const { items } = virtualizer;
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    useLibraryStore.getState().showRange(first, last);
  }, [first, last, total]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryVersion]);

  useRevealSelection(virtualizer.scrollToIndex);

  const selectedShown = isShown(rows, first, last, selectedId);

  return (
    <div className="list-scroller" ref={scrollRef}>
      <ListHeader />
      <div
        id={SESSION_LIST_ID}
        role="listbox"
        aria-label="Sessions"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={selectedShown && selectedId ? optionId(selectedId) : undefined}
        className="session-list"
        data-testid="session-list"
        style={{ height: virtualizer.totalSize - HEADER_HEIGHT }}
      >
        {items.map((item) => {
          const session = rows[item.index];
          const top = item.start - HEADER_HEIGHT;
          return session ? (
            <SessionRow key={item.index} session={session} index={item.index} total={total} top={top} />
          ) : (
            <PlaceholderRow key={item.index} top={top} />
          );
        })}
      </div>
    </div>
  );
}
