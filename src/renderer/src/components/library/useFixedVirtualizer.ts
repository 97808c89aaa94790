import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

/**
 * Browsers cannot lay out an element taller than about 33.5 million pixels (Chromium; less in
 * other engines): a million 48 px rows would not fit. Past this height the scroll space is
 * compressed (see `useFixedVirtualizer`).
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface FixedVirtualizerOptions {
  /** How many items (rows of the list, rows of cards in the grid). */
  count: number;
  /** Every item's height, in px. */
  itemSize: number;
  scrollRef: RefObject<HTMLElement | null>;
  /** Items rendered beyond each edge of the viewport. */
  overscan: number;
  /** Space in the scrolled content before the first item (a sticky header, padding). */
  startOffset?: number;
  /** Space after the last item. */
  endOffset?: number;
  /** Space at the viewport's top and bottom that scrollToIndex keeps an item out of. */
  scrollPaddingStart?: number;
  scrollPaddingEnd?: number;
}

export interface FixedVirtualItem {
  index: number;
  /** The item's top in the scrolled content, in px. */
  start: number;
}

export interface FixedVirtualizer {
  items: FixedVirtualItem[];
  /** The scrolled content's height (at most MAX_SCROLL_HEIGHT), in px. */
  totalSize: number;
  /** Scrolls just enough to show the item (like `block: 'nearest'`). */
  scrollToIndex(index: number): void;
}

interface View {
  scrollTop: number;
  viewport: number;
}

interface Range {
  first: number;
  last: number;
  /** The list's offset at full scale for this view's scrollTop. */
  offset: number;
}

interface Geometry {
  /** Height of the whole list at full scale. */
  virtualSize: number;
  /** Height of the scrolled content. */
  realSize: number;
  viewport: number;
}

/** The list's offset at full scale for a scrollTop; the identity unless the list is compressed. */
function toVirtual(scrollTop: number, { virtualSize, realSize, viewport }: Geometry): number {
  if (virtualSize <= realSize || realSize <= viewport) return scrollTop;
  return (scrollTop * (virtualSize - viewport)) / (realSize - viewport);
}

function toReal(offset: number, { virtualSize, realSize, viewport }: Geometry): number {
  if (virtualSize <= realSize || realSize <= viewport) return offset;
  return (offset * (realSize - viewport)) / (virtualSize - viewport);
}

/**
 * A virtualizer for items of one fixed height, with work proportional to what is on screen only
 * (a new count costs nothing, so a search that changes a million-row result to ten rows and back
 * re-renders in the time of the rows shown).
 *
 * Up to MAX_SCROLL_HEIGHT the content is as tall as the items and scrolls 1:1. Beyond, the content
 * is MAX_SCROLL_HEIGHT tall and the scroll position maps linearly onto the whole list (top to the
 * first item, bottom to the last): the items in view are placed relative to the current scrollTop,
 * so a wheel step moves the list a little further than it would at full height.
 */
export function useFixedVirtualizer({
  count,
  itemSize,
  scrollRef,
  overscan,
  startOffset = 0,
  endOffset = 0,
  scrollPaddingStart = 0,
  scrollPaddingEnd = 0,
}: FixedVirtualizerOptions): FixedVirtualizer {
  const virtualSize = startOffset + count * itemSize + endOffset;
  const realSize = Math.min(virtualSize, MAX_SCROLL_HEIGHT);
  // The scroll position and the viewport's height, as last drawn.
  const [view, setView] = useState<View>({ scrollTop: 0, viewport: 0 });

  const rangeOf = useCallback(
    ({ scrollTop, viewport }: View): Range => {
      const offset = toVirtual(scrollTop, { virtualSize, realSize, viewport });
      const first = Math.max(0, Math.floor((offset - startOffset) / itemSize) - overscan);
      const last = Math.min(
        count - 1,
        Math.ceil((offset + viewport - startOffset) / itemSize) - 1 + overscan,
      );
      return { first, last, offset };
    },
    [count, itemSize, overscan, startOffset, virtualSize, realSize],
  );
  const rangeOfRef = useRef(rangeOf);
  useLayoutEffect(() => {
    rangeOfRef.current = rangeOf;
  }, [rangeOf]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const update = (): void => {
      const next = { scrollTop: element.scrollTop, viewport: element.clientHeight };
      // A scroll that changes nothing drawn renders nothing: at full scale that is a scroll within
      // the same range of items; compressed, the items move with every scrollTop.
      setView((previous) => {
        if (previous.viewport !== next.viewport) return next;
        const [a, b] = [rangeOfRef.current(previous), rangeOfRef.current(next)];
        const moved = a.offset - previous.scrollTop !== b.offset - next.scrollTop;
        return a.first === b.first && a.last === b.last && !moved ? previous : next;
      });
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [scrollRef]);

  const { first, last, offset } = rangeOf(view);
  const { scrollTop } = view;
  const items = useMemo(() => {
    const list: FixedVirtualItem[] = [];
    // An item's place in the content: where it is relative to the viewport's top, plus scrollTop.
    for (let index = first; index <= last; index++)
      list.push({ index, start: scrollTop + (startOffset + index * itemSize - offset) });
    return list;
  }, [first, last, scrollTop, offset, startOffset, itemSize]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const g = { virtualSize, realSize, viewport: element.clientHeight };
      const current = toVirtual(element.scrollTop, g);
      const top = startOffset + index * itemSize;
      let target: number;
      if (top - scrollPaddingStart < current) target = Math.floor(toReal(top - scrollPaddingStart, g));
      else if (top + itemSize + scrollPaddingEnd > current + g.viewport)
        target = Math.ceil(toReal(top + itemSize + scrollPaddingEnd - g.viewport, g));
      else return;
      element.scrollTop = Math.max(0, Math.min(target, realSize - g.viewport));
    },
    [scrollRef, virtualSize, realSize, startOffset, itemSize, scrollPaddingStart, scrollPaddingEnd],
  );

  return { items, totalSize: realSize, scrollToIndex };
}
