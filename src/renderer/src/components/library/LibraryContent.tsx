import { startAddFolder } from '../../actions/import-actions';
import { createUntitledSession } from '../../actions/session-actions';
import { shortcutLabel } from '../../lib/platform';
import { useCountsStore, useLibraryStore } from '../../stores/app-stores';
import { hasRefinements, isFiltered } from '../../stores/library-query';
import { EmptyCollection } from '../collections/EmptyCollection';
import { useUiStore } from '../../stores/ui-store';
import { FolderPlusIcon, PlusIcon } from '../icons';
import { EmptyState } from './EmptyState';
import { SessionGrid } from './SessionGrid';
import { SessionList } from './SessionList';

/** The middle of the window: the list or grid, or an empty state that says what to do. */
export function LibraryContent() {
  const total = useLibraryStore((state) => state.total);
  const query = useLibraryStore((state) => state.query);
  const clearSearch = useLibraryStore((state) => state.clearSearch);
  const showEverything = useLibraryStore((state) => state.showEverything);
  const libraryTotal = useCountsStore((state) => state.total);
  const viewMode = useUiStore((state) => state.viewMode);

  if (total === 0) {
    if (!isFiltered(query) || libraryTotal === 0) {
      return (
        <EmptyState
          testId="empty-library"
          title="Add a folder of projects"
          actions={
            <>
              <button
                type="button"
                className="button button--primary"
                data-testid="empty-add-folder"
                onClick={() => void startAddFolder()}
              >
                <FolderPlusIcon /> Add folder…
              </button>
              <button type="button" className="button" onClick={() => void createUntitledSession()}>
                <PlusIcon /> New session
              </button>
            </>
          }
        >
          SessionDock finds the Ableton, Logic, FL Studio, Reaper, Cubase… projects in a folder and its
          mixdowns, and never changes a file. Or drop a project file or folder here, or press{' '}
          {shortcutLabel('N')} for an empty session.
        </EmptyState>
      );
    }
    if (query.scope.type === 'collection' && !hasRefinements(query))
      return <EmptyCollection id={query.scope.id} />;
    if (query.q.trim() !== '') {
      return (
        <EmptyState
          testId="no-results"
          title={`No sessions match “${query.q.trim()}”`}
          actions={
            <button type="button" className="button" data-testid="clear-search" onClick={clearSearch}>
              Clear search
            </button>
          }
        >
          Search looks for the start of words in titles, clients and notes.
          {query.tags.length > 0 || query.scope.type !== 'all' ? ' Filters from the sidebar apply too.' : ''}
        </EmptyState>
      );
    }
    return (
      <EmptyState
        testId="no-results"
        title="Nothing in this view"
        actions={
          <button type="button" className="button" data-testid="show-all" onClick={showEverything}>
            Show all sessions
          </button>
        }
      >
        No session matches these filters.
      </EmptyState>
    );
  }
  return viewMode === 'grid' ? <SessionGrid /> : <SessionList />;
}
