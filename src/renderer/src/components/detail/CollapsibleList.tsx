import { useState, type ReactNode } from 'react';
import { plural } from '../../lib/labels';

/** Past this many, even an expanded list shows a count of the rest rather than thousands of rows. */
const EXPANDED_MAX = 1000;

/** A list that shows its first `limit` items and the rest on request ("Show all 24 tracks"). */
export function CollapsibleList<T>({
  items,
  limit,
  noun,
  testId,
  className,
  renderItem,
}: {
  items: readonly T[];
  limit: number;
  /** What one item is called, for the toggle ("track"). */
  noun: string;
  testId: string;
  className: string;
  renderItem: (item: T, index: number) => ReactNode;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = items.slice(0, expanded ? EXPANDED_MAX : limit);
  const hidden = items.length - shown.length;
  return (
    <>
      <ul className={className} data-testid={testId}>
        {shown.map(renderItem)}
      </ul>
      {items.length > limit && (
        <div className="collapsible-list__foot">
          {expanded && hidden > 0 && <span>{plural(hidden, `more ${noun}`)} not shown</span>}
          <button
            type="button"
            className="link-button"
            aria-expanded={expanded}
            data-testid={`${testId}-toggle`}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show fewer' : `Show all ${plural(items.length, noun)}`}
          </button>
        </div>
      )}
    </>
  );
}
