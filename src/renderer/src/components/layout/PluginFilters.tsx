import { useState } from 'react';
import type { PluginUsage } from '../../../../shared/project-metadata';
import { filterByPlugin } from '../../actions/project-actions';
import { PLUGIN_FORMAT_LABELS } from '../../lib/project-format';
import { useLibraryStore, useProjectUsageStore } from '../../stores/app-stores';

/** Shown before "Show all": the plugins most sessions use. */
const TOP_SHOWN = 8;
/** Shown at most once expanded; the filter box finds the rest. */
const EXPANDED_MAX = 200;

const nameKey = (name: string): string => name.trim().toLowerCase();

/** Plugins with the number of sessions using each, like tags; one can be chosen as a filter. */
export function PluginFilters() {
  const plugins = useProjectUsageStore((state) => state.plugins);
  const selected = useLibraryStore((state) => state.query.project.plugin);
  const setProjectFilters = useLibraryStore((state) => state.setProjectFilters);
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState('');

  if (plugins.length === 0 && selected === null) return null;
  const selectedKey = selected === null ? null : nameKey(selected);
  const needle = filter.trim().toLowerCase();
  const matching = plugins.filter((plugin) => needle === '' || plugin.name.toLowerCase().includes(needle));
  const shown = matching.slice(0, expanded ? EXPANDED_MAX : TOP_SHOWN);
  // The same plugin in two formats is two entries (their counts differ); only then is the format shown.
  const names = new Map<string, number>();
  for (const plugin of plugins) names.set(nameKey(plugin.name), (names.get(nameKey(plugin.name)) ?? 0) + 1);

  return (
    <>
      <div className="sidebar__heading sidebar__heading--with-action">
        Plugins
        {selected !== null && (
          <button
            type="button"
            className="link-button"
            data-testid="clear-plugin"
            onClick={() => setProjectFilters({ plugin: null })}
          >
            Clear
          </button>
        )}
      </div>
      {expanded && plugins.length > TOP_SHOWN && (
        <div className="sidebar__tag-filter">
          <input
            type="search"
            className="input input--small"
            placeholder="Filter plugins"
            aria-label="Filter plugins"
            value={filter}
            data-testid="plugin-filter"
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      )}
      <div className="sidebar__group" role="group" aria-label="Plugins">
        {shown.map((plugin) => (
          <PluginItem
            key={`${plugin.format}:${plugin.name}`}
            plugin={plugin}
            active={selectedKey === nameKey(plugin.name)}
            showFormat={(names.get(nameKey(plugin.name)) ?? 0) > 1}
            onChoose={(active) =>
              active ? setProjectFilters({ plugin: null }) : filterByPlugin(plugin.name)
            }
          />
        ))}
        {expanded && matching.length > shown.length && (
          <div className="sidebar__more">
            {(matching.length - shown.length).toLocaleString('en-US')} more — type to filter
          </div>
        )}
        {expanded && matching.length === 0 && (
          <div className="sidebar__more">No plugin matches “{filter.trim()}”</div>
        )}
        {plugins.length > TOP_SHOWN && (
          <button
            type="button"
            className="link-button sidebar__show-all"
            aria-expanded={expanded}
            data-testid="plugins-show-all"
            onClick={() => {
              setExpanded(!expanded);
              setFilter('');
            }}
          >
            {expanded ? 'Show fewer' : `Show all ${plugins.length.toLocaleString('en-US')}`}
          </button>
        )}
      </div>
    </>
  );
}

function PluginItem({
  plugin,
  active,
  showFormat,
  onChoose,
}: {
  plugin: PluginUsage;
  active: boolean;
  showFormat: boolean;
  onChoose: (active: boolean) => void;
}) {
  const format = PLUGIN_FORMAT_LABELS[plugin.format];
  return (
    <button
      type="button"
      className={active ? 'sidebar-item sidebar-item--active' : 'sidebar-item'}
      aria-pressed={active}
      data-testid="plugin-filter-item"
      data-plugin={plugin.name}
      title={`${plugin.name}${plugin.vendor ? ` by ${plugin.vendor}` : ''} (${format})`}
      onClick={() => onChoose(active)}
    >
      <span className="sidebar-item__label">
        {plugin.name}
        {showFormat && <span className="sidebar-item__format"> {format}</span>}
      </span>
      <span className="sidebar-item__count" data-testid="plugin-filter-count">
        {plugin.sessions.toLocaleString('en-US')}
      </span>
    </button>
  );
}
