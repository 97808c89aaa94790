// "Add folder…": choose a folder, scan it, review what was found, import with progress.
import { dock } from '../lib/bridge';

/** Opens the folder picker and scans the chosen folder (the review dialog shows the result). */
export async function startAddFolder(): Promise<void> {
  const chosen = await dock().chooseFolder();
  if (!chosen.ok || chosen.value === null) return;
  await dock().scanFolder(chosen.value);
}
