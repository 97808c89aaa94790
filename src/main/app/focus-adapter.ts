import { app, type BrowserWindow } from 'electron';
import type { WindowFocus } from '../core/adapters';

/**
 * The core's window-focus adapter: brings the window to the front (see `bringToFront`) and asks
 * the renderer to select the session. False when the window is gone.
 */
export function createWindowFocus(
  getWindow: () => BrowserWindow | null,
  platform: NodeJS.Platform = process.platform,
): WindowFocus {
  return {
    async focusSession(sessionId) {
      const window = getWindow();
      if (!window || window.isDestroyed()) return false;
      bringToFront(window, platform);
      window.webContents.send('window:focusSession', { id: sessionId });
      return true;
    },
  };
}

/**
 * Restores a minimised window, shows it and brings the app forward. The Local API asks for this
 * while another app is in front, so a plain `window.focus()` is not enough everywhere:
 *
 * - macOS: `app.focus({ steal: true })` — Electron's `app.focus` docs: "On macOS, makes the
 *   application the active app"; `steal`: "Make the receiver the active app even if another app
 *   is currently active" (electron.d.ts, FocusOptions). Without it a background app's window is
 *   ordered front but the app stays inactive.
 * - Windows: `focus()` ends in SetForegroundWindow, which Windows refuses to a process that is
 *   not in the foreground (Microsoft's SetForegroundWindow remarks: the caller must be the
 *   foreground process, started by it, or have received the last input event…; otherwise the
 *   taskbar button flashes). `app.focus()` is no way round it: on Windows it only "focuses on the
 *   application's first window" (its docs). Raising the window into the topmost band is not subject to that lock, so
 *   the known workaround (electron/electron#2867) is always-on-top → focus → back to normal:
 *   the window comes to the front even when activation is refused, and gets the keyboard when
 *   Windows allows it. A window the user pinned on top stays pinned.
 * - Linux: restore, show, focus; whether focus is granted is the window manager's decision (on
 *   Wayland it may flash the icon instead, per the `focus()` docs).
 */
export function bringToFront(window: BrowserWindow, platform: NodeJS.Platform = process.platform): void {
  if (window.isMinimized()) window.restore();
  window.show();
  if (platform === 'darwin') {
    app.focus({ steal: true });
    window.focus();
  } else if (platform === 'win32' && !window.isAlwaysOnTop()) {
    window.setAlwaysOnTop(true);
    window.focus();
    window.setAlwaysOnTop(false);
  } else {
    window.focus();
  }
}
