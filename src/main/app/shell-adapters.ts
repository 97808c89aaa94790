import { existsSync } from 'node:fs';
import { dialog, shell, type BrowserWindow } from 'electron';
import type { Opener } from '../core/adapters';
import type { ShellAdapters } from '../ipc/handlers';
import { AUDIO_MIME_BY_EXTENSION } from '../../shared/audio';
import { PROJECT_EXTENSIONS } from '../../shared/kinds';
import { mediaUrl } from './media-protocol';

/** Opens a project with its DAW (the OS handler for its type). */
export const electronOpener: Opener = {
  async openPath(path) {
    const error = await shell.openPath(path);
    if (error) throw new Error(error);
  },
};

export function electronShellAdapters(getWindow: () => BrowserWindow | null): ShellAdapters {
  /** The chosen paths (none when cancelled); modal to the window when there is one. */
  const showOpen = async (options: Electron.OpenDialogOptions): Promise<string[]> => {
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    async revealPath(path) {
      if (!existsSync(path)) return false;
      shell.showItemInFolder(path);
      return true;
    },
    async chooseProjectPath() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a DAW project',
        // Bundles such as .logicx are folders; let people pick either.
        properties: ['openFile', 'openDirectory', 'treatPackageAsDirectory'],
        filters: [
          {
            name: 'DAW projects',
            extensions: PROJECT_FILE_EXTENSIONS,
          },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      return (await showOpen(options))[0] ?? null;
    },
    mediaUrl,
    async chooseAudioFiles() {
      return showOpen({
        title: 'Add preview mixdowns',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Audio', extensions: AUDIO_EXTENSIONS }],
      });
    },
    async chooseFolder() {
      const [folder] = await showOpen({
        title: 'Add a folder of projects',
        buttonLabel: 'Scan folder',
        properties: ['openDirectory'],
      });
      return folder ?? null;
    },
  };
}

const withoutDot = (extensions: Record<string, unknown>): string[] =>
  Object.keys(extensions).map((extension) => extension.replace(/^\./, ''));
const AUDIO_EXTENSIONS = withoutDot(AUDIO_MIME_BY_EXTENSION);
const PROJECT_FILE_EXTENSIONS = withoutDot(PROJECT_EXTENSIONS);
