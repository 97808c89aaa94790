import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rectangle } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const FILE = 'window-state.json';

/** The last window size and position, or null (first run, unreadable file). */
export function loadWindowState(dataDir: string): WindowState | null {
  try {
    const state = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as WindowState;
    const { x, y, width, height } = state.bounds;
    if (![x, y, width, height].every(Number.isFinite) || width < 400 || height < 300) return null;
    return { bounds: { x, y, width, height }, maximized: Boolean(state.maximized) };
  } catch {
    return null;
  }
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  try {
    writeFileSync(join(dataDir, FILE), JSON.stringify(state), { mode: 0o600 });
  } catch {
    // Losing the window position is not worth interrupting a quit.
  }
}

/** The saved size, and its position only if still on a connected display (monitors come and go). */
export function restorableBounds(
  state: WindowState | null,
  displays: Rectangle[],
): Partial<Rectangle> | null {
  if (!state) return null;
  const { x, y, width, height } = state.bounds;
  const titleBarVisible = displays.some(
    (area) =>
      x + width > area.x + 50 && x < area.x + area.width - 50 && y >= area.y && y < area.y + area.height - 50,
  );
  return titleBarVisible ? state.bounds : { width, height };
}
