import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { subscribeToWindowEvents } from './actions/app-events';
import { installKeyboardShortcuts } from './actions/keyboard-shortcuts';
import { reportFirstRender } from './actions/report-rendered';
import { keepSelectionInView } from './actions/selection-actions';
import { selectPendingRowsWhenLoaded } from './actions/session-actions';
import { hasBridge } from './lib/bridge';
import type { Timers } from './lib/store-deps';
import { flushDraftsOnLeave, wireStores } from './stores/app-stores';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/top-bar.css';
import './styles/session-bits.css';
import './styles/list.css';
import './styles/grid.css';
import './styles/detail.css';
import './styles/project.css';
import './styles/player.css';
import './styles/settings.css';
import './styles/import.css';
import './styles/feedback.css';
import './styles/collections.css';

const root = createRoot(document.getElementById('root')!);

const windowTimers: Timers = {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number | undefined),
};

/** The window's localStorage, or null where the page may not use it (the sort then lasts one run). */
function windowStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

if (hasBridge()) {
  // The stores first: everything below (events, shortcuts, the first render) uses them.
  wireStores({
    bridge: window.sessionDock,
    timers: windowTimers,
    now: () => Date.now(),
    storage: windowStorage(),
    createAudio: () => new Audio(),
    frames: {
      request: (callback) => window.requestAnimationFrame(callback),
      cancel: (handle) => window.cancelAnimationFrame(handle),
    },
  });
  flushDraftsOnLeave(window);
  selectPendingRowsWhenLoaded();
  keepSelectionInView();
  subscribeToWindowEvents();
  installKeyboardShortcuts();
  reportFirstRender();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Opened outside SessionDock (no preload): say so instead of failing on every call.
  root.render(
    <main className="fatal">
      <h1>SessionDock</h1>
      <p>This page only works inside the SessionDock app.</p>
    </main>,
  );
}
