import { useLibraryStore } from '../../stores/app-stores';

export const HEADER_HEIGHT = 32;

const COLUMNS = [
  { key: 'title', label: 'Title', className: 'list-header__title' },
  { key: null, label: 'Tags', className: 'list-header__tags' },
  { key: 'kind', label: 'DAW', className: 'list-header__kind' },
  { key: null, label: 'DAW version', className: 'list-header__version' },
  { key: null, label: 'Tempo', className: 'list-header__tempo' },
  { key: 'status', label: 'Status', className: 'list-header__status' },
  { key: 'lastOpened', label: 'Last opened', className: 'list-header__opened' },
] as const;

/** Column labels aligned with SessionRow; sortable columns toggle their direction when clicked. */
export function ListHeader() {
  const sort = useLibraryStore((state) => state.query.sort);
  const setSort = useLibraryStore((state) => state.setSort);
  const activeKey = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  return (
    <div className="list-header" role="presentation">
      <span className="list-header__accent" />
      <span className="list-header__preview" />
      {COLUMNS.map((column) => {
        if (column.key === null)
          return (
            <span key={column.label} className={column.className}>
              {column.label}
            </span>
          );
        const key = column.key;
        const active = activeKey === key;
        // Dates read newest first, words A→Z, when a column is first chosen.
        const firstDirection = key === 'lastOpened' ? `-${key}` : key;
        const next = active ? (descending ? key : `-${key}`) : firstDirection;
        return (
          <button
            key={key}
            type="button"
            tabIndex={-1}
            className={`${column.className} list-header__sort${active ? ' list-header__sort--active' : ''}`}
            onClick={() => setSort(next)}
            title={`Sort by ${column.label.toLowerCase()}`}
          >
            {column.label}
            {active && <span aria-hidden="true">{descending ? ' ↓' : ' ↑'}</span>}
          </button>
        );
      })}
    </div>
  );
}
