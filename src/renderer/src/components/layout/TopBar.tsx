import { useEffect, useRef } from 'react';
import { startAddFolder } from '../../actions/import-actions';
import { createUntitledSession } from '../../actions/session-actions';
import { SEARCH_INPUT_ID } from '../../actions/keyboard-shortcuts';
import { shortcutLabel } from '../../lib/platform';
import { useLibraryStore } from '../../stores/app-stores';
import { useUiStore } from '../../stores/ui-store';
import { CloseIcon, FolderPlusIcon, GridIcon, ListIcon, PlusIcon, SearchIcon } from '../icons';
import { useSortOptions } from '../collections/useSortOptions';
import { ProjectFilterControl } from './ProjectFilterControl';

/** Search, sort, list/grid and New session, above the list and the detail panel. */
export function TopBar() {
  const searchText = useLibraryStore((state) => state.searchText);
  const setSearchText = useLibraryStore((state) => state.setSearchText);
  const clearSearch = useLibraryStore((state) => state.clearSearch);
  const sort = useLibraryStore((state) => state.query.sort);
  const setSort = useLibraryStore((state) => state.setSort);
  const total = useLibraryStore((state) => state.total);
  const viewMode = useUiStore((state) => state.viewMode);
  const setViewMode = useUiStore((state) => state.setViewMode);
  const page = useUiStore((state) => state.page);
  const setPage = useUiStore((state) => state.setPage);
  const searchFocusRequest = useUiStore((state) => state.searchFocusRequest);
  const searchRef = useRef<HTMLInputElement>(null);
  const sortOptions = useSortOptions();

  useEffect(() => {
    if (searchFocusRequest === 0) return;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [searchFocusRequest]);

  return (
    <header className="top-bar">
      <div className="search-box">
        <SearchIcon className="search-box__icon" />
        <input
          ref={searchRef}
          id={SEARCH_INPUT_ID}
          type="search"
          className="search-box__input"
          placeholder="Search titles, clients, notes"
          aria-label="Search sessions"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          value={searchText}
          data-testid="search-input"
          onFocus={() => page !== 'library' && setPage('library')}
          onChange={(event) => setSearchText(event.target.value)}
        />
        {searchText ? (
          <button
            type="button"
            className="search-box__clear"
            aria-label="Clear search"
            data-testid="search-clear"
            onClick={() => {
              clearSearch();
              searchRef.current?.focus();
            }}
          >
            <CloseIcon size={13} />
          </button>
        ) : (
          <kbd className="search-box__hint">{shortcutLabel('F')}</kbd>
        )}
      </div>

      <span className="top-bar__count" aria-live="polite" data-testid="result-count">
        {total === null ? '' : `${total.toLocaleString('en-US')} ${total === 1 ? 'session' : 'sessions'}`}
      </span>

      <div className="top-bar__spacer" />

      {page === 'library' && (
        <>
          <ProjectFilterControl />
          <label className="select-field top-bar__sort">
            <span className="visually-hidden">Sort by</span>
            <select
              value={sort}
              data-testid="sort-select"
              aria-label="Sort sessions"
              onChange={(event) => setSort(event.target.value)}
            >
              {sortOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>

          <div className="segmented" role="group" aria-label="View" data-testid="view-toggle">
            <button
              type="button"
              className="segmented__button"
              aria-pressed={viewMode === 'list'}
              aria-label="List view"
              title="List view"
              data-testid="view-list"
              onClick={() => setViewMode('list')}
            >
              <ListIcon />
            </button>
            <button
              type="button"
              className="segmented__button"
              aria-pressed={viewMode === 'grid'}
              aria-label="Grid view"
              title="Grid view"
              data-testid="view-grid"
              onClick={() => setViewMode('grid')}
            >
              <GridIcon />
            </button>
          </div>
        </>
      )}

      <button
        type="button"
        className="button"
        data-testid="add-folder"
        aria-label="Add folder"
        title={`Add a folder of projects (${shortcutLabel('O', { shift: true })})`}
        onClick={() => void startAddFolder()}
      >
        <FolderPlusIcon /> <span className="top-bar__new-label">Add folder…</span>
      </button>

      <button
        type="button"
        className="button button--primary"
        data-testid="new-session"
        aria-label="New session"
        title={`New session (${shortcutLabel('N')})`}
        onClick={() => void createUntitledSession()}
      >
        <PlusIcon /> <span className="top-bar__new-label">New session</span>
      </button>
    </header>
  );
}
