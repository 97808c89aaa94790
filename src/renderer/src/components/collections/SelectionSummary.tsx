import { clearSelection } from '../../actions/selection-actions';
import { useSelectionStore, useSelectionSize } from '../../stores/selection-store';
import { BulkActions } from './BulkActions';

/** The detail panel while several sessions are selected (issue 13): how many, and the bulk actions. */
export function SelectionSummary() {
  const size = useSelectionSize();
  const cappedFrom = useSelectionStore((state) => state.cappedFrom);
  return (
    <aside
      className="detail-panel detail-panel--empty"
      aria-label="Selected sessions"
      data-testid="detail-panel"
    >
      <div className="detail-empty selection-summary" data-testid="selection-summary">
        <p className="detail-empty__title" data-testid="selection-summary-count">
          {size.toLocaleString('en-US')} sessions selected
        </p>
        {cappedFrom !== null && (
          <p className="detail-empty__text">
            The first {size.toLocaleString('en-US')} of {cappedFrom.toLocaleString('en-US')}: the most one
            selection holds.
          </p>
        )}
        <BulkActions testIdPrefix="panel-bulk" />
        <button type="button" className="link-button" onClick={clearSelection}>
          Clear the selection (Esc)
        </button>
      </div>
    </aside>
  );
}
