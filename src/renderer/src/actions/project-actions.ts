// What people do with what a project file says: narrow the library to the sessions using a plugin.
import { useLibraryStore } from '../stores/app-stores';
import { useUiStore } from '../stores/ui-store';

/** Shows the sessions whose projects use this plugin (by name, in any format). */
export function filterByPlugin(name: string): void {
  useUiStore.getState().setPage('library');
  useLibraryStore.getState().setProjectFilters({ plugin: name });
}
