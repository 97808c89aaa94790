import { useLibraryStore } from '../../stores/app-stores';
import { hasProjectFilters } from '../../stores/library-query';
import { tempoFilterLabel } from '../../lib/project-filter-input';
import { CloseIcon } from '../icons';

/**
 * The project filters in force, as chips that remove themselves, above the list. A filter main
 * refused (invalid_input) is explained here, calmly, instead of as a failure to load.
 */
export function ActiveFilters() {
  const project = useLibraryStore((state) => state.query.project);
  const setProjectFilters = useLibraryStore((state) => state.setProjectFilters);
  const clearProjectFilters = useLibraryStore((state) => state.clearProjectFilters);
  const error = useLibraryStore((state) => state.error);
  const refused = useLibraryStore((state) => state.errorCode === 'invalid_input');

  if (!hasProjectFilters(project) && !refused) return null;
  const tempo = tempoFilterLabel(project);
  const chips = [
    project.plugin !== null && {
      id: 'plugin',
      label: `Plugin: ${project.plugin}`,
      remove: () => setProjectFilters({ plugin: null }),
    },
    tempo !== null && {
      id: 'tempo',
      label: tempo,
      remove: () => setProjectFilters({ tempoMin: null, tempoMax: null }),
    },
    project.key !== null && {
      id: 'key',
      label: `Key: ${project.key}`,
      remove: () => setProjectFilters({ key: null }),
    },
  ].filter((chip) => chip !== false);

  return (
    <div className="active-filters" role="group" aria-label="Project filters" data-testid="active-filters">
      {chips.map((chip) => (
        <span key={chip.id} className="filter-chip" data-testid="filter-chip" data-filter={chip.id}>
          <span className="filter-chip__label">{chip.label}</span>
          <button
            type="button"
            className="filter-chip__remove"
            aria-label={`Remove filter ${chip.label}`}
            data-testid="filter-chip-remove"
            onClick={chip.remove}
          >
            <CloseIcon size={11} />
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="link-button active-filters__clear" onClick={clearProjectFilters}>
          Clear all
        </button>
      )}
      {refused && (
        <span className="active-filters__problem" data-testid="filter-problem">
          Not applied: {error}
        </span>
      )}
    </div>
  );
}
