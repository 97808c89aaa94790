// "Add folder…" (button, menu, empty state, a dropped folder): choose a folder and scan it; the
// import dialog takes it from there.
import { call, dock, messageOf } from '../lib/bridge';
import { useImportStore } from '../stores/app-stores';
import { toastError } from '../stores/toast-store';

/** Opens the folder picker and scans the chosen folder. */
export async function startAddFolder(): Promise<void> {
  if (useImportStore.getState().phase === 'importing') return;
  try {
    const folder = await call(dock().chooseFolder());
    if (folder !== null) await scanFolder(folder);
  } catch (error) {
    toastError(`Could not choose a folder: ${messageOf(error)}`);
  }
}

/** Scans a folder that is already known (dropped on the window). */
export async function scanFolder(folder: string): Promise<void> {
  await useImportStore.getState().scanFolder(folder);
}
