import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'SessionDock';

/**
 * The desktop app's data folder, the same one Electron's `app.getPath('userData')` gives for
 * SessionDock, so headless runs share the desktop library by default.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}
