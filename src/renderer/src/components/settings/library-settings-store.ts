// Settings → Library: the library's location, its backups and what was done to it (back up,
// restore, export, import). One thing at a time: the buttons are disabled while one runs. A
// restore ends with the window reloading (main does it right after the answer), so its success
// is never shown here; its refusal is.
import { create } from 'zustand';
import type {
  BackupView,
  ExportFormat,
  ExportResult,
  LibraryImportResult,
  LibraryView,
} from '../../../../shared/ipc';
import { call, dock, messageOf } from '../../lib/bridge';
import { useDialogStore } from '../../stores/dialog-store';
import { formatExact } from '../../lib/format-time';

export type LibraryTask = 'backup' | 'restore' | 'export' | 'import' | 'reveal';

/** What the last task did, shown under its buttons until the next one. */
export type LibraryOutcome =
  | { task: 'backup'; backup: BackupView }
  | { task: 'export'; result: ExportResult }
  | { task: 'import'; result: LibraryImportResult }
  | { task: LibraryTask; error: string };

interface LibrarySettingsState {
  view: LibraryView | null;
  loadError: string | null;
  running: LibraryTask | null;
  outcome: LibraryOutcome | null;
  refresh(): Promise<void>;
  backUpNow(): Promise<void>;
  /** Restores `backup` (from the list) or, without one, a file the user picks. */
  restore(backup?: BackupView): Promise<void>;
  exportLibrary(format: ExportFormat): Promise<void>;
  importLibrary(): Promise<void>;
  reveal(what: 'library' | 'backups'): Promise<void>;
}

export const useLibrarySettingsStore = create<LibrarySettingsState>()((set, get) => {
  /**
   * Runs one task unless another runs; a thrown error becomes its outcome. `reloading`: the
   * window is about to reload (a restore), so nothing may start meanwhile.
   */
  const run = async (
    task: LibraryTask,
    work: () => Promise<LibraryOutcome | null | 'reloading'>,
  ): Promise<void> => {
    if (get().running) return;
    set({ running: task, outcome: null });
    try {
      const outcome = await work();
      if (outcome === 'reloading') return;
      set({ outcome, running: null });
    } catch (error) {
      set({ outcome: { task, error: messageOf(error) }, running: null });
    }
  };

  return {
    view: null,
    loadError: null,
    running: null,
    outcome: null,
    async refresh() {
      try {
        const view = await call(dock().libraryView());
        set({ view, loadError: null });
      } catch (error) {
        set({ loadError: messageOf(error) });
      }
    },
    backUpNow: () =>
      run('backup', async () => {
        try {
          const backup = await call(dock().backUpLibraryNow());
          return { task: 'backup', backup };
        } finally {
          // The list, and the last failure, whether it worked or not.
          await get().refresh();
        }
      }),
    restore: (chosen) =>
      run('restore', async () => {
        const path = chosen?.path ?? (await call(dock().chooseBackup()));
        if (path === null) return null;
        const ok = await useDialogStore.getState().ask({
          title: 'Restore the library from this backup?',
          message: `${describeBackup(chosen, path)} replaces the library: sessions, notes and collections changed since then will not be in it. Your current library is backed up first (a “before restore” backup you can restore back), then the window reloads.`,
          confirmLabel: 'Back up and restore',
          danger: true,
          initialFocus: 'cancel',
        });
        if (!ok) return null;
        await call(dock().restoreLibrary(path));
        return 'reloading';
      }),
    exportLibrary: (format) =>
      run('export', async () => {
        const path = await call(dock().chooseExportPath(format));
        if (path === null) return null;
        const result = await call(dock().exportLibrary({ format, path }));
        return { task: 'export', result };
      }),
    importLibrary: () =>
      run('import', async () => {
        const path = await call(dock().chooseImportFile());
        if (path === null) return null;
        const result = await call(dock().importLibrary(path));
        await get().refresh();
        return { task: 'import', result };
      }),
    async reveal(what) {
      try {
        const { revealed } = await call(dock().revealLibrary(what));
        if (!revealed) {
          const missing = what === 'library' ? 'The library file' : 'The backups folder';
          set({ outcome: { task: 'reveal', error: `${missing} is not there any more.` } });
        }
      } catch (error) {
        set({ outcome: { task: 'reveal', error: messageOf(error) } });
      }
    },
  };
});

function describeBackup(backup: BackupView | undefined, path: string): string {
  if (!backup) return `The backup ${path}`;
  return `The backup of ${formatExact(backup.createdAt)}`;
}
