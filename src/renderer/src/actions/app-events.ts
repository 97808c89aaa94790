// Main→window events that are about the window rather than data: focus requests from the API
// or a second launch, and application-menu commands. Subscribed once, at start.
import { hasBridge, dock } from '../lib/bridge';
import { useSelectionStore } from '../stores/selection-store';
import { useUiStore } from '../stores/ui-store';
import { deleteSelection } from './bulk-actions';
import { createUntitledSession, focusSessionFromMain, openSelected, selectSession } from './session-actions';
import type { MenuCommand } from '../../../shared/ipc';
import { startAddFolder } from './import-actions';

const MENU_ACTIONS: Record<MenuCommand, () => void> = {
  newSession: () => void createUntitledSession(),
  find: () => useUiStore.getState().focusSearch(),
  settings: () => useUiStore.getState().setPage('settings'),
  openSelected,
  deleteSelected: deleteSelection,
  addFolder: () => void startAddFolder(),
};

export function subscribeToWindowEvents(): void {
  if (!hasBridge()) return;
  dock().on('window:focusSession', ({ id }) => focusSessionFromMain(id));
  dock().on('sessions:changed', (change) => {
    if (change.type === 'deleted' && useSelectionStore.getState().selectedId === change.id)
      selectSession(null);
  });
  dock().on('menu:command', ({ command }) => MENU_ACTIONS[command]?.());
}
