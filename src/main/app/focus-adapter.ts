import type { BrowserWindow } from 'electron';
import type { WindowFocus } from '../core/adapters';

/**
 * The core's window-focus adapter: restores a minimised window, shows it, brings it to the
 * front and asks the renderer to select the session. False when the window is gone.
 */
export function createWindowFocus(getWindow: () => BrowserWindow | null): WindowFocus {
  return {
    async focusSession(sessionId) {
      const window = getWindow();
      if (!window || window.isDestroyed()) return false;
      bringToFront(window);
      window.webContents.send('window:focusSession', { id: sessionId });
      return true;
    },
  };
}

export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
