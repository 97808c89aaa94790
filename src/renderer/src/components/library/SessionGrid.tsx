import { useCallback, useEffect, useRef, useState } from 'react';
import { SESSION_LIST_ID } from '../../actions/keyboard-shortcuts';
import { useLibraryStore } from '../../stores/app-stores';
import { useSelectionStore } from '../../stores/selection-store';
import { useUiStore } from '../../stores/ui-store';
import { PlaceholderCard, SessionCard } from './SessionCard';
import { optionId } from './SessionRow';
import { useFixedVirtualizer } from './useFixedVirtualizer';
import { isShown, useRevealSelection } from './useRevealSelection';

const CARD_MIN_WIDTH = 220;
const CARD_HEIGHT = 164;
const GAP = 12;
const PADDING = 16;

/** Grid view: virtualised by rows of cards; the number of columns follows the width. */
export function SessionGrid() {
  const total = useLibraryStore((state) => state.total) ?? 0;
  const rows = useLibraryStore((state) => state.rows);
  // rows is filled in place: revision is what changes when it does.
  useLibraryStore((state) => state.revision);
  const queryVersion = useLibraryStore((state) => state.queryVersion);
  const selectedId = useSelectionStore((state) => state.selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((width - PADDING * 2 + GAP) / (CARD_MIN_WIDTH + GAP)));
  useEffect(() => {
    useUiStore.getState().setGridColumns(columns);
  }, [columns]);

  const rowCount = Math.ceil(total / columns);
  const virtualizer = useFixedVirtualizer({
    count: rowCount,
    itemSize: CARD_HEIGHT + GAP,
    scrollRef,
    overscan: 3,
    startOffset: PADDING,
    endOffset: PADDING,
    scrollPaddingStart: PADDING,
    scrollPaddingEnd: PADDING,
  });
  const { items, scrollToIndex: scrollToRow } = virtualizer;
  const first = (items[0]?.index ?? 0) * columns;
  const last = ((items[items.length - 1]?.index ?? 0) + 1) * columns - 1;

  useEffect(() => {
    useLibraryStore.getState().showRange(first, Math.min(last, Math.max(0, total - 1)));
  }, [first, last, total]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryVersion]);

  const scrollToIndex = useCallback(
    (index: number) => scrollToRow(Math.floor(index / columns)),
    [scrollToRow, columns],
  );
  useRevealSelection(scrollToIndex);

  const selectedShown = isShown(rows, first, last, selectedId);

  return (
    <div className="grid-scroller" ref={scrollRef}>
      <div
        id={SESSION_LIST_ID}
        role="listbox"
        aria-label="Sessions"
        aria-multiselectable="true"
        aria-orientation="horizontal"
        tabIndex={0}
        aria-activedescendant={selectedShown && selectedId ? optionId(selectedId) : undefined}
        className="session-grid"
        data-testid="session-list"
        style={{ height: virtualizer.totalSize }}
      >
        {width > 0 &&
          items.map((item) => (
            <div
              key={item.index}
              className="session-grid__row"
              role="presentation"
              style={{
                transform: `translateY(${item.start}px)`,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                height: CARD_HEIGHT,
              }}
            >
              {Array.from({ length: columns }, (_, column) => {
                const index = item.index * columns + column;
                if (index >= total) return <span key={column} />;
                const session = rows[index];
                return session ? (
                  <SessionCard key={session.id} session={session} index={index} total={total} />
                ) : (
                  <PlaceholderCard key={`placeholder-${index}`} />
                );
              })}
            </div>
          ))}
      </div>
    </div>
  );
}
