import type { Session } from '../../../../shared/domain';
import { deleteSession, openSession, relinkProject } from '../../actions/session-actions';
import { useDetailStore } from '../../stores/app-stores';
import { LaunchIcon, TrashIcon, WarningIcon } from '../icons';

/** Open in DAW and Delete, with the actionable message when opening failed. */
export function DetailActions({ session }: { session: Session }) {
  const problem = useDetailStore((state) =>
    state.openProblem?.sessionId === session.id ? state.openProblem : null,
  );
  return (
    <div className="detail-actions">
      <div className="detail-actions__row">
        <button
          type="button"
          className="button button--primary detail-actions__open"
          data-testid="detail-open"
          title="Open in its DAW (Enter)"
          onClick={() => void openSession(session.id)}
        >
          <LaunchIcon />
          Open in {session.kind === 'Other' ? 'DAW' : session.kind}
        </button>
        <button
          type="button"
          className="button button--icon button--danger-ghost"
          data-testid="detail-delete"
          title="Delete session (Delete)"
          aria-label="Delete session"
          onClick={() => void deleteSession(session.id)}
        >
          <TrashIcon />
        </button>
      </div>
      {problem && (
        <div className="detail-actions__problem" role="alert" data-testid="open-problem">
          <WarningIcon size={14} />
          <span>{problem.message}</span>
          {problem.relink && (
            <button
              type="button"
              className="link-button"
              data-testid="open-problem-relink"
              onClick={() => void relinkProject(session.id)}
            >
              {session.projectPath ? 'Relink…' : 'Choose…'}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
