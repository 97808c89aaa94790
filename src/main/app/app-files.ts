import { join } from 'node:path';

/** The files Electron loads by path for the window, as electron-vite builds them (out/). */
export interface AppFiles {
  preload: string;
  renderer: string;
}

/**
 * Resolved from the app's root (`app.getAppPath()`: the project folder under `electron .`,
 * `resources/app.asar` when packaged), never from a bundle chunk's `__dirname`, which moves
 * whenever the bundler splits the main process into chunks.
 */
export function appFiles(appRoot: string): AppFiles {
  return {
    preload: join(appRoot, 'out', 'preload', 'index.js'),
    renderer: join(appRoot, 'out', 'renderer', 'index.html'),
  };
}
