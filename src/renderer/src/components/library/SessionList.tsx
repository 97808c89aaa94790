import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { SESSION_LIST_ID } from '../../actions/keyboard-shortcuts';
import { useLibraryStore } from '../../stores/app-stores';
import { useSelectionStore } from '../../stores/selection-store';
import { HEADER_HEIGHT, ListHeader } from './ListHeader';
import { optionId, PlaceholderRow, ROW_HEIGHT, SessionRow } from './SessionRow';
import { isShown, useRevealSelection } from './useRevealSelection';

/**
 * The list view: a listbox whose options are only the rows on screen (plus a few), positioned in a
 * spacer as tall as `meta.total` rows, so a 100,000-session library scrolls like a short one.
 */
export function SessionList() {
  const total = useLibraryStore((state) => state.total) ?? 0;
  const rows = useLibraryStore((state) => state.rows);
  const queryVersion = useLibraryStore((state) => state.queryVersion);
  const selectedId = useSelectionStore((state) => state.selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; this component is not memoised by the compiler.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    useLibraryStore.getState().showRange(first, last);
  }, [first, last, total]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryVersion]);

  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );
  useRevealSelection(scrollToIndex);

  const selectedShown = isShown(rows, first, last, selectedId);

  return (
    <div className="list-scroller" ref={scrollRef}>
      <ListHeader />
      <div
        id={SESSION_LIST_ID}
        role="listbox"
        aria-label="Sessions"
        tabIndex={0}
        aria-activedescendant={selectedShown && selectedId ? optionId(selectedId) : undefined}
        className="session-list"
        data-testid="session-list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const session = rows[item.index];
          const top = item.start - HEADER_HEIGHT;
          return session ? (
            <SessionRow
              key={item.key}
              session={session}
              index={item.index}
              total={total}
              selected={session.id === selectedId}
              top={top}
            />
          ) : (
            <PlaceholderRow key={item.key} top={top} />
          );
        })}
      </div>
    </div>
  );
}
