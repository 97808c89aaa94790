import { useState, type ReactNode } from 'react';
import { SESSION_KINDS, SESSION_STATUSES } from '../../../../shared/domain';
import { STATUS_LABELS } from '../../lib/labels';
import { shortcutLabel } from '../../lib/platform';
import { useCountsStore, useLibraryStore, useProjectUsageStore } from '../../stores/app-stores';
import { sameScope, type Scope } from '../../stores/library-query';
import { useUiStore } from '../../stores/ui-store';
import { CollectionsSection } from '../collections/CollectionsSection';
import { ClockIcon, GearIcon, LibraryIcon, WarningIcon } from '../icons';
import { PluginFilters } from './PluginFilters';
import { SidebarHeading, SidebarItem } from './SidebarItem';

const MAX_TAGS_SHOWN = 60;

/** Library filters (scope, collections, tags) and the way to Settings. */
export function Sidebar() {
  const scope = useLibraryStore((state) => state.query.scope);
  const setScope = useLibraryStore((state) => state.setScope);
  const total = useCountsStore((state) => state.total);
  const recent = useCountsStore((state) => state.recent);
  const byStatus = useCountsStore((state) => state.byStatus);
  const byKind = useCountsStore((state) => state.byKind);
  const missingSamples = useProjectUsageStore((state) => state.missingSamples);
  const page = useUiStore((state) => state.page);
  const setPage = useUiStore((state) => state.setPage);

  const onLibrary = page === 'library';
  const choose = (next: Scope): void => {
    setPage('library');
    setScope(next);
  };
  const item = (
    key: string,
    next: Scope,
    label: ReactNode,
    count: number | null | undefined,
    icon?: ReactNode,
  ) => (
    <SidebarItem
      key={key}
      testId={`filter-${key}`}
      active={onLibrary && sameScope(scope, next)}
      onClick={() => choose(next)}
      icon={icon}
      count={count}
    >
      {label}
    </SidebarItem>
  );
  // Kinds nobody uses stay out of the way, unless one is the active filter.
  const kinds = SESSION_KINDS.filter(
    (kind) => (byKind[kind] ?? 0) > 0 || (scope.type === 'kind' && scope.kind === kind),
  );

  return (
    <nav className="sidebar" aria-label="Library">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true" />
        SessionDock
      </div>
      <div className="sidebar__scroll">
        <div className="sidebar__group">
          {item('all', { type: 'all' }, 'All sessions', total, <LibraryIcon />)}
          {item('recent', { type: 'recent' }, 'Recently opened', recent, <ClockIcon />)}
          {/* Only once some project misses a sample (or while it is the view shown). */}
          {((missingSamples ?? 0) > 0 || scope.type === 'missingSamples') &&
            item(
              'missing-samples',
              { type: 'missingSamples' },
              'Missing samples',
              missingSamples,
              <WarningIcon size={14} />,
            )}
        </div>

        <CollectionsSection />

        <SidebarHeading>Status</SidebarHeading>
        <div className="sidebar__group">
          {SESSION_STATUSES.map((status) =>
            item(
              `status-${status}`,
              { type: 'status', status },
              STATUS_LABELS[status],
              byStatus[status],
              <span className="status-dot" data-status={status} aria-hidden="true" />,
            ),
          )}
        </div>

        {kinds.length > 0 && (
          <>
            <SidebarHeading>DAW</SidebarHeading>
            <div className="sidebar__group">
              {kinds.map((kind) => item(`kind-${kind}`, { type: 'kind', kind }, kind, byKind[kind]))}
            </div>
          </>
        )}

        <PluginFilters />
        <TagFilters />
      </div>

      <div className="sidebar__footer">
        <SidebarItem
          testId="nav-settings"
          active={page === 'settings'}
          onClick={() => setPage(page === 'settings' ? 'library' : 'settings')}
          icon={<GearIcon />}
          hint={shortcutLabel(',')}
        >
          Settings
        </SidebarItem>
      </div>
    </nav>
  );
}

/** Tags with their counts; several can be chosen (a session must carry all of them). */
function TagFilters() {
  const tags = useCountsStore((state) => state.tags);
  const selected = useLibraryStore((state) => state.query.tags);
  const toggleTag = useLibraryStore((state) => state.toggleTag);
  const clearTags = useLibraryStore((state) => state.clearTags);
  const setPage = useUiStore((state) => state.setPage);
  const [filter, setFilter] = useState('');

  if (tags.length === 0 && selected.length === 0) return null;
  const selectedKeys = new Set(selected.map((tag) => tag.toLowerCase()));
  const needle = filter.trim().toLowerCase();
  const matching = tags.filter((entry) => needle === '' || entry.tag.toLowerCase().includes(needle));
  const shown = matching.slice(0, MAX_TAGS_SHOWN);

  return (
    <>
      <div className="sidebar__heading sidebar__heading--with-action">
        Tags
        {selected.length > 0 && (
          <button type="button" className="link-button" data-testid="clear-tags" onClick={clearTags}>
            Clear
          </button>
        )}
      </div>
      <div className="sidebar__tag-filter">
        <input
          type="search"
          className="input input--small"
          placeholder="Filter tags"
          aria-label="Filter tags"
          value={filter}
          data-testid="tag-filter"
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <div className="sidebar__tags" role="group" aria-label="Tags">
        {shown.map(({ tag, count }) => {
          const active = selectedKeys.has(tag.toLowerCase());
          return (
            <button
              key={tag}
              type="button"
              className={active ? 'tag-filter tag-filter--active' : 'tag-filter'}
              aria-pressed={active}
              data-testid="tag-filter-item"
              data-tag={tag}
              onClick={() => {
                setPage('library');
                toggleTag(tag);
              }}
            >
              <span className="tag-filter__name">{tag}</span>
              <span className="tag-filter__count">{count.toLocaleString('en-US')}</span>
            </button>
          );
        })}
        {matching.length > shown.length && (
          <div className="sidebar__more">
            {(matching.length - shown.length).toLocaleString('en-US')} more — type to filter
          </div>
        )}
        {matching.length === 0 && <div className="sidebar__more">No tag matches “{filter.trim()}”</div>}
      </div>
    </>
  );
}
