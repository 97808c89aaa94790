import type { ProjectPlugin, ProjectView } from '../../../../shared/project-metadata';
import { filterByPlugin } from '../../actions/project-actions';
import { PLUGIN_FORMAT_LABELS } from '../../lib/project-format';
import { CollapsibleList } from './CollapsibleList';

const PLUGINS_SHOWN = 8;

/** Third-party plugins first (what a lapsed licence breaks), then the DAW's own devices. */
function ordered(plugins: readonly ProjectPlugin[]): ProjectPlugin[] {
  return [
    ...plugins.filter((plugin) => plugin.format !== 'built-in'),
    ...plugins.filter((plugin) => plugin.format === 'built-in'),
  ];
}

/** The plugins the project uses with their instance counts; clicking one filters the library by it. */
export function ProjectPlugins({ view }: { view: ProjectView }) {
  if (view.plugins.length === 0) return null;
  return (
    <div className="project-part">
      <div className="project-part__heading">
        Plugins <span className="project-part__count">{view.plugins.length.toLocaleString('en-US')}</span>
      </div>
      <CollapsibleList
        items={ordered(view.plugins)}
        limit={PLUGINS_SHOWN}
        noun="plugin"
        testId="project-plugins"
        className="project-plugins"
        renderItem={(plugin) => (
          <li key={`${plugin.format}:${plugin.name}:${plugin.vendor ?? ''}`}>
            <button
              type="button"
              className="project-plugin"
              data-testid="project-plugin"
              data-plugin={plugin.name}
              title={`Show the sessions using ${plugin.name}${plugin.vendor ? ` (${plugin.vendor})` : ''}`}
              onClick={() => filterByPlugin(plugin.name)}
            >
              <span className="project-plugin__name">{plugin.name}</span>
              <span className="project-plugin__format">{PLUGIN_FORMAT_LABELS[plugin.format]}</span>
              {plugin.instances > 1 && (
                <span className="project-plugin__count" aria-label={`${plugin.instances} instances`}>
                  ×{plugin.instances}
                </span>
              )}
            </button>
          </li>
        )}
      />
    </div>
  );
}
