import { clearSelection } from '../../actions/selection-actions';
import { useSelectionStore, useSelectionSize } from '../../stores/selection-store';
import { BulkActions } from '../collections/BulkActions';
import { CloseIcon } from '../icons';

/** Over the list while two or more sessions are selected (issue 13): how many, and what to do with them. */
export function BulkActionBar() {
  const size = useSelectionSize();
  const cappedFrom = useSelectionStore((state) => state.cappedFrom);
  if (size < 2) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected sessions" data-testid="bulk-bar">
      <span className="bulk-bar__count" data-testid="bulk-count">
        {size.toLocaleString('en-US')} selected
        {cappedFrom !== null && (
          <span className="bulk-bar__capped">
            {' '}
            of {cappedFrom.toLocaleString('en-US')} (the most at once)
          </span>
        )}
      </span>
      <BulkActions testIdPrefix="bulk" />
      <button
        type="button"
        className="button button--small button--ghost bulk-bar__clear"
        title="Clear the selection (Esc)"
        aria-label="Clear the selection"
        data-testid="bulk-clear"
        onClick={clearSelection}
      >
        <CloseIcon size={12} />
      </button>
    </div>
  );
}
