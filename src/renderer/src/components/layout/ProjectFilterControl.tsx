import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  checkFilterDraft,
  draftOf,
  type FilterDraft,
  type FilterField,
} from '../../lib/project-filter-input';
import { useLibraryStore } from '../../stores/app-stores';
import { FilterIcon } from '../icons';

/** Keys offered as you type; any other spelling main understands is accepted too. */
const KEY_SUGGESTIONS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'].flatMap((root) => [
  `${root} major`,
  `${root} minor`,
]);
const KEY_LIST_ID = 'project-filter-keys';

/**
 * The top bar's Filters button: a small popover for a tempo range and a key. What is typed is
 * checked as it is typed; Apply (or Enter) sends only a valid filter.
 */
export function ProjectFilterControl() {
  const project = useLibraryStore((state) => state.query.project);
  const setProjectFilters = useLibraryStore((state) => state.setProjectFilters);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<FilterDraft>(() => draftOf(project));
  const rootRef = useRef<HTMLDivElement>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const active =
    (project.tempoMin !== null || project.tempoMax !== null ? 1 : 0) + (project.key !== null ? 1 : 0);

  useEffect(() => {
    if (!open) return;
    firstFieldRef.current?.focus();
    const closeOutside = (event: MouseEvent): void => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);

  const check = checkFilterDraft(draft);
  const problem = check.ok ? null : check;
  // Empty fields are always valid, so a problem always points at something typed.
  const invalid = (field: FilterField): boolean => problem !== null && problem.field === field;

  const apply = (): void => {
    if (!check.ok) return;
    setProjectFilters(check.filters);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Escape') {
      // The window's Escape (clear the search) must not also run.
      event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      apply();
    }
  };
  const field = (name: FilterField) => ({
    value: draft[name],
    'aria-invalid': invalid(name),
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <div className="filter-control" ref={rootRef}>
      <button
        type="button"
        className={
          active > 0
            ? 'button filter-control__button filter-control__button--active'
            : 'button filter-control__button'
        }
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label="Filters"
        data-testid="filter-button"
        title="Filter by tempo and key"
        onClick={() => {
          // Opening starts from the filters in force (a chip may have removed one meanwhile).
          if (!open) setDraft(draftOf(project));
          setOpen(!open);
        }}
      >
        <FilterIcon /> <span className="filter-control__label">Filters</span>
        {active > 0 && <span className="filter-control__badge">{active}</span>}
      </button>
      {open && (
        <div
          className="filter-popover"
          role="dialog"
          aria-label="Filter by tempo and key"
          data-testid="filter-popover"
          onKeyDown={onKeyDown}
        >
          <div className="filter-popover__row">
            <label className="field__label" htmlFor="filter-tempo-min">
              Tempo
            </label>
            <div className="filter-popover__range">
              <input
                ref={firstFieldRef}
                id="filter-tempo-min"
                className="input input--small"
                inputMode="decimal"
                placeholder="From"
                aria-label="Lowest tempo (bpm)"
                data-testid="filter-tempo-min"
                {...field('tempoMin')}
              />
              <span aria-hidden="true">–</span>
              <input
                className="input input--small"
                inputMode="decimal"
                placeholder="To"
                aria-label="Highest tempo (bpm)"
                data-testid="filter-tempo-max"
                {...field('tempoMax')}
              />
              <span className="filter-popover__unit">bpm</span>
            </div>
          </div>
          <div className="filter-popover__row">
            <label className="field__label" htmlFor="filter-key">
              Key
            </label>
            <input
              id="filter-key"
              className="input input--small"
              placeholder="Any key, e.g. F# minor"
              list={KEY_LIST_ID}
              autoComplete="off"
              spellCheck={false}
              data-testid="filter-key"
              {...field('key')}
            />
            <datalist id={KEY_LIST_ID}>
              {KEY_SUGGESTIONS.map((key) => (
                <option key={key} value={key} />
              ))}
            </datalist>
          </div>
          {problem !== null && (
            <p className="field-error" role="alert" data-testid="filter-error">
              {problem.message}
            </p>
          )}
          <div className="filter-popover__actions">
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="filter-clear"
              onClick={() => {
                setDraft({ tempoMin: '', tempoMax: '', key: '' });
                setProjectFilters({ tempoMin: null, tempoMax: null, key: null });
              }}
            >
              Clear
            </button>
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="filter-apply"
              disabled={!check.ok}
              onClick={apply}
            >
              Apply
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
