import { memo } from 'react';
import type { Session } from '../../../../shared/domain';
import { openSession } from '../../actions/session-actions';
import { ArtworkThumb } from '../artwork/ArtworkThumb';
import { AccentMark } from '../session/AccentMark';
import { KindBadge } from '../session/KindBadge';
import { MissingProject } from '../session/MissingProject';
import { PreviewButton } from '../session/PreviewButton';
import { RelativeTime } from '../session/RelativeTime';
import { StatusPill } from '../session/StatusPill';
import { TagList } from '../session/TagList';
import { RowProjectCells, RowVersionNumber } from './ProjectCells';
import { useRowInteraction } from './useRowInteraction';

export const ROW_HEIGHT = 48;

interface RowProps {
  session: Session;
  index: number;
  total: number;
  top: number;
}

/** One session in list view: a fixed-height grid row whose columns line up with ListHeader. */
export const SessionRow = memo(function SessionRow({ session, index, total, top }: RowProps) {
  const { selected, handlers } = useRowInteraction(session, index, 'vertical');
  return (
    <div
      role="option"
      id={optionId(session.id)}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className="session-row"
      data-testid="session-row"
      data-session-id={session.id}
      data-accent={session.accent}
      style={{ transform: `translateY(${top}px)` }}
      {...handlers}
      onDoubleClick={() => void openSession(session.id)}
    >
      <AccentMark accent={session.accent} shape="bar" />
      <PreviewButton session={session} />
      <div className="session-row__title-cell">
        <ArtworkThumb session={session} size="small" variant="row" />
        <span className="session-row__title">
          <span className="session-row__title-text" title={session.title}>
            {session.title}
          </span>
          <MissingProject path={session.projectPath} />
        </span>
        <span className="session-row__subline">
          <span
            className={
              session.client ? 'session-row__client' : 'session-row__client session-row__client--empty'
            }
          >
            {session.client || 'No client'}
          </span>
          {/* Shown here only while the list is too narrow for a tags column (see list.css). */}
          <TagList tags={session.tags} />
        </span>
      </div>
      <div className="session-row__tags">
        <TagList tags={session.tags} />
      </div>
      <div className="session-row__kind">
        <KindBadge kind={session.kind} />
        <RowVersionNumber sessionId={session.id} />
      </div>
      <RowProjectCells sessionId={session.id} />
      <div className="session-row__status">
        <StatusPill status={session.status} />
      </div>
      <div className="session-row__opened">
        <RelativeTime iso={session.lastOpened} fallback="Never" />
      </div>
    </div>
  );
});

/** A row whose chunk is still loading: the same height, so nothing moves when it arrives. */
export function PlaceholderRow({ top }: { top: number }) {
  return (
    <div
      className="session-row session-row--placeholder"
      aria-hidden="true"
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className="skeleton skeleton--title" />
      <span className="skeleton skeleton--short" />
    </div>
  );
}

export function optionId(sessionId: string): string {
  return `session-option-${sessionId}`;
}
