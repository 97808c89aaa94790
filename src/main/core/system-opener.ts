import { spawn } from 'node:child_process';
import type { Opener } from './adapters';

/** Opens a path with the operating system's handler (`open`, `xdg-open`, `start`): headless mode. */
export const systemOpener: Opener = {
  openPath(path) {
    const [command, args] =
      process.platform === 'darwin'
        ? ['open', [path]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', path]]
          : ['xdg-open', [path]];
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
  },
};
