// The window's keyboard map (product.md §1). Single-key shortcuts never fire while a text field
// has focus, and never steal Enter/Space from a focused button or select.
import { deleteSelection } from './bulk-actions';
import { clearSelection, selectAll } from './selection-actions';
import {
  createUntitledSession,
  moveSelection,
  openSelected,
  playSelectedPreview,
  selectIndex,
} from './session-actions';
import { startAddFolder } from './import-actions';
import { isActivatable, isTextEntry } from '../lib/dom';
import { hasCommandModifier } from '../lib/platform';
import { isDialogOpen } from '../stores/dialog-store';
import { isImportDialogOpen, useLibraryStore } from '../stores/app-stores';
import { isContextMenuOpen } from '../stores/context-menu-store';
import { useSelectionStore } from '../stores/selection-store';
import { useUiStore } from '../stores/ui-store';

export const SEARCH_INPUT_ID = 'library-search';
export const SESSION_LIST_ID = 'session-list';

function handleKeyDown(event: KeyboardEvent): void {
  // The dialog owns the keyboard while open (Escape, Enter, Tab cycling).
  if (
    event.defaultPrevented ||
    event.isComposing ||
    isDialogOpen() ||
    isImportDialogOpen() ||
    isContextMenuOpen()
  )
    return;
  const ui = useUiStore.getState();
  const key = event.key;

  if (hasCommandModifier(event) && event.shiftKey) {
    if (key.toLowerCase() === 'o') {
      event.preventDefault();
      void startAddFolder();
    }
    return;
  }
  if (hasCommandModifier(event)) {
    const lower = key.toLowerCase();
    if (lower === 'f') {
      event.preventDefault();
      ui.focusSearch();
    } else if (lower === 'n') {
      event.preventDefault();
      void createUntitledSession();
    } else if (key === ',') {
      event.preventDefault();
      ui.setPage('settings');
    } else if (lower === 'a' && ui.page === 'library' && !isTextEntry(document.activeElement)) {
      // In a text field ⌘/Ctrl+A selects its text, as everywhere.
      event.preventDefault();
      void selectAll();
    }
    return;
  }
  if (event.metaKey || event.ctrlKey || event.altKey) return;

  const target = document.activeElement;
  const inSearch = target instanceof HTMLElement && target.id === SEARCH_INPUT_ID;
  const inText = isTextEntry(target);

  if (key === 'Escape') {
    if (ui.page === 'settings') {
      ui.setPage('library');
      event.preventDefault();
    } else if (!inText && useSelectionStore.getState().selectedIds.size > 1) {
      clearSelection();
      event.preventDefault();
    } else if (inSearch || (!inText && useLibraryStore.getState().searchText !== '')) {
      useLibraryStore.getState().clearSearch();
      event.preventDefault();
    } else if (inText && target instanceof HTMLElement) {
      target.blur();
    }
    return;
  }
  if (ui.page !== 'library') return;

  const grid = ui.viewMode === 'grid';
  const step = grid ? Math.max(1, ui.gridColumns) : 1;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp':
      // From the search box the arrows move through the results, as in a launcher.
      if ((inText && !inSearch) || target instanceof HTMLSelectElement) return;
      event.preventDefault();
      moveSelection(key === 'ArrowDown' ? step : -step);
      return;
    case 'ArrowLeft':
    case 'ArrowRight':
      if (!grid || inText || target instanceof HTMLSelectElement) return;
      event.preventDefault();
      moveSelection(key === 'ArrowRight' ? 1 : -1);
      return;
    case 'Home':
    case 'End':
      if (inText) return;
      event.preventDefault();
      selectIndex(key === 'Home' ? 0 : (useLibraryStore.getState().total ?? 1) - 1);
      return;
    case 'Enter':
      if (inSearch) {
        // Enter in the search box hands the keyboard to the results.
        event.preventDefault();
        document.getElementById(SESSION_LIST_ID)?.focus();
        return;
      }
      if (inText || isActivatable(target)) return;
      event.preventDefault();
      openSelected();
      return;
    case ' ':
      if (inText || isActivatable(target)) return;
      event.preventDefault();
      playSelectedPreview();
      return;
    case 'Delete':
    case 'Backspace':
      if (inText) return;
      event.preventDefault();
      deleteSelection();
      return;
  }
}

/** Installed once at start, before the first render, so no early key press is missed. */
export function installKeyboardShortcuts(): void {
  window.addEventListener('keydown', handleKeyDown);
}
