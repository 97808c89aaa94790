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
import { CardTempo } from './ProjectCells';
import { optionId } from './SessionRow';
import { useRowInteraction } from './useRowInteraction';

interface CardProps {
  session: Session;
  index: number;
  total: number;
}

/** One session in grid view. Fixed height: long titles clamp to two lines. */
export const SessionCard = memo(function SessionCard({ session, index, total }: CardProps) {
  const { selected, handlers } = useRowInteraction(session, index, 'horizontal');
  return (
    <div
      role="option"
      id={optionId(session.id)}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className="session-card"
      data-testid="session-row"
      data-session-id={session.id}
      {...handlers}
      onDoubleClick={() => void openSession(session.id)}
    >
      <AccentMark accent={session.accent} shape="strip" />
      <ArtworkThumb session={session} size="small" variant="card" />
      <div className="session-card__head">
        <KindBadge kind={session.kind} />
        <MissingProject path={session.projectPath} compact />
        <CardTempo sessionId={session.id} />
        <span className="session-card__spacer" />
        <PreviewButton session={session} />
      </div>
      <div className="session-card__title" title={session.title}>
        {session.title}
      </div>
      <div
        className={
          session.client ? 'session-card__client' : 'session-card__client session-card__client--empty'
        }
      >
        {session.client || 'No client'}
      </div>
      <div className="session-card__tags">
        <TagList tags={session.tags} />
      </div>
      <div className="session-card__foot">
        <StatusPill status={session.status} />
        <RelativeTime iso={session.lastOpened} fallback="Never opened" />
      </div>
    </div>
  );
});

export function PlaceholderCard() {
  return (
    <div className="session-card session-card--placeholder" aria-hidden="true">
      <span className="skeleton skeleton--short" />
      <span className="skeleton skeleton--title" />
      <span className="skeleton skeleton--short" />
    </div>
  );
}
