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

export function electronShellAdapters(
  getWindow: () => BrowserWindow | null,
  platform: NodeJS.Platform = process.platform,
): ShellAdapters {
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
      return (await showOpen(projectDialogOptions(platform)))[0] ?? null;
    },
    mediaUrl,
    async chooseAudioFiles() {
      return showOpen({
        title: 'Add preview mixdowns',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Audio', extensions: AUDIO_EXTENSIONS }],
      });
    },
    async chooseImageFile() {
      const [image] = await showOpen({
        title: 'Choose artwork',
        properties: ['openFile'],
        filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif'] }],
      });
      return image ?? null;
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

/**
 * The project picker's dialog, per platform. From Electron's dialog docs (docs/api/dialog.md,
 * `dialog.showOpenDialog`; the same text ships in electron.d.ts of Electron 45):
 * - "On Windows and Linux an open dialog can not be both a file selector and a directory
 *   selector, so if you set `properties` to `['openFile', 'openDirectory']` on these platforms, a
 *   directory selector will be shown." A folder picker cannot pick an .als/.flp/.rpp/.cpr, so
 *   Windows and Linux get a file picker. (The projects that are folders — .logicx, .band — are
 *   macOS bundles; a folder of projects is what Add Folder… is for.)
 * - `treatPackageAsDirectory` (macOS): "Treat packages, such as `.app` folders, as a directory
 *   instead of a file." Left out, so a .logicx or .band bundle is one selectable item instead of
 *   a folder to browse into; macOS keeps openFile + openDirectory, which it allows together.
 */
export function projectDialogOptions(platform: NodeJS.Platform): Electron.OpenDialogOptions {
  return {
    title: 'Choose a DAW project',
    properties: platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openFile'],
    filters: [
      { name: 'DAW projects', extensions: PROJECT_FILE_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

const withoutDot = (extensions: Record<string, unknown>): string[] =>
  Object.keys(extensions).map((extension) => extension.replace(/^\./, ''));
const AUDIO_EXTENSIONS = withoutDot(AUDIO_MIME_BY_EXTENSION);
const PROJECT_FILE_EXTENSIONS = withoutDot(PROJECT_EXTENSIONS);
