// Which session is selected, and requests for the list to scroll it into view.
import { create } from 'zustand';

interface SelectionState {
  selectedId: string | null;
  /** Where the selected row was last seen, so it is found again without scanning the rows. */
  indexHint: number | undefined;
  /**
   * A row the keyboard moved to before its chunk arrived: selected as soon as it loads.
   * (Holding ArrowDown can outrun the prefetch on a slow disk.)
   */
  pendingIndex: number | null;
  /** Incremented to ask the list to scroll the selection (or pendingIndex) into view. */
  revealRequest: number;
}

export const useSelectionStore = create<SelectionState>()(() => ({
  selectedId: null,
  indexHint: undefined,
  pendingIndex: null,
  revealRequest: 0,
}));
