import { existsSync } from 'node:fs';
import { dialog, shell, type BrowserWindow } from 'electron';
import type { Opener } from '../core/adapters';
import type { ShellAdapters } from '../ipc/handlers';
import { mediaUrl } from './media-protocol';

/** Opens a project with its DAW (the OS handler for its type). */
export const electronOpener: Opener = {
  async openPath(path) {
    const error = await shell.openPath(path);
    if (error) throw new Error(error);
  },
};

export function electronShellAdapters(getWindow: () => BrowserWindow | null): ShellAdapters {
  return {
    async revealPath(path) {
      if (!existsSync(path)) return false;
      shell.showItemInFolder(path);
      return true;
    },
    async chooseProjectPath() {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a DAW project',
        // Bundles such as .logicx are folders; let people pick either.
        properties: ['openFile', 'openDirectory', 'treatPackageAsDirectory'],
        filters: [
          {
            name: 'DAW projects',
            extensions: [
              'als',
              'logicx',
              'flp',
              'rpp',
              'cpr',
              'npr',
              'bwproject',
              'song',
              'ptx',
              'ptf',
              'band',
              'dawproject',
            ],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    mediaUrl,
    async chooseAudioFiles() {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Add preview mixdowns',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Audio', extensions: ['wav', 'aif', 'aiff', 'flac', 'mp3', 'm4a', 'ogg'] }],
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseFolder() {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Add a folder of projects',
        buttonLabel: 'Scan folder',
        properties: ['openDirectory'],
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
