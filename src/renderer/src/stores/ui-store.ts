// Window-level view state: which page is shown, list or grid, and one-shot focus requests that
// components answer (focus search, focus the title of a new session).
import { create } from 'zustand';

export type ViewMode = 'list' | 'grid';
export type Page = 'library' | 'settings';

const VIEW_STORAGE_KEY = 'sessiondock.view';

function savedView(): ViewMode {
  try {
    return localStorage.getItem(VIEW_STORAGE_KEY) === 'grid' ? 'grid' : 'list';
  } catch {
    return 'list';
  }
}

interface UiState {
  page: Page;
  viewMode: ViewMode;
  /** Cards per row in grid view, reported by the grid so arrow keys can move by rows. */
  gridColumns: number;
  /** Incremented to ask the search box to take focus. */
  searchFocusRequest: number;
  /** A new session whose title field should take focus once its panel shows (after ⌘N). */
  pendingTitleFocus: string | null;
  setPage(page: Page): void;
  setViewMode(mode: ViewMode): void;
  setGridColumns(columns: number): void;
  focusSearch(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  page: 'library',
  viewMode: savedView(),
  gridColumns: 1,
  searchFocusRequest: 0,
  pendingTitleFocus: null,
  setPage(page) {
    set({ page });
  },
  setViewMode(viewMode) {
    try {
      localStorage.setItem(VIEW_STORAGE_KEY, viewMode);
    } catch {
      // Not remembered across launches, still applied now.
    }
    set({ viewMode });
  },
  setGridColumns(gridColumns) {
    set({ gridColumns });
  },
  focusSearch() {
    set((state) => ({ page: 'library', searchFocusRequest: state.searchFocusRequest + 1 }));
  },
}));
