import { useEffect } from 'react';
import type { Session } from '../../../../shared/domain';
import type { ProjectView } from '../../../../shared/project-metadata';
import { useProjectDetailStore } from '../../stores/app-stores';
import { RelativeTime } from '../session/RelativeTime';
import { ProjectFacts } from './ProjectFacts';
import { ProjectPlugins } from './ProjectPlugins';
import { ProjectSamples } from './ProjectSamples';
import { ProjectTracks } from './ProjectTracks';

/**
 * What the session's project file says (read in the background by main). Never in the way: a
 * project not read yet says so quietly and fills in when its read lands; one that cannot be read
 * says why, calmly, in place.
 */
export function ProjectSection({ session }: { session: Session }) {
  const show = useProjectDetailStore((state) => state.show);
  const shownId = useProjectDetailStore((state) => state.sessionId);
  const view = useProjectDetailStore((state) => state.view);
  const error = useProjectDetailStore((state) => state.error);
  const rereading = useProjectDetailStore((state) => state.rereading);
  const reread = useProjectDetailStore((state) => state.reread);
  const load = useProjectDetailStore((state) => state.load);

  useEffect(() => {
    show(session.id);
    return () => show(null);
  }, [show, session.id]);

  const current = shownId === session.id ? view : null;
  return (
    <section
      className="project-section"
      aria-label="Project"
      data-testid="project-section"
      data-status={current?.status ?? 'loading'}
    >
      <div className="project-section__header">
        <span className="field__label">Project</span>
        {current?.readAt && current.status !== 'pending' && (
          <span className="project-section__read-at">
            read <RelativeTime iso={current.readAt} />
          </span>
        )}
        {session.projectPath !== null && (
          <button
            type="button"
            className="button button--ghost button--small project-section__reread"
            data-testid="project-reread"
            disabled={rereading}
            title="Read the project file again"
            onClick={() => void reread()}
          >
            {rereading ? 'Reading…' : 'Re-read'}
          </button>
        )}
      </div>
      {current === null ? (
        error !== null && (
          <p className="project-section__note" data-testid="project-error">
            The project’s details could not be loaded. {error}{' '}
            <button type="button" className="link-button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        )
      ) : (
        <ProjectBody view={current} />
      )}
    </section>
  );
}

function ProjectBody({ view }: { view: ProjectView }) {
  if (view.status === 'pending') {
    return (
      <p className="project-section__note project-section__note--pending" data-testid="project-pending">
        Reading project…
      </p>
    );
  }
  if (view.status !== 'ready') {
    return (
      <p className="project-section__note" data-testid="project-message">
        {view.message}
      </p>
    );
  }
  return (
    <div className="project-section__body">
      <ProjectFacts view={view} />
      <ProjectTracks view={view} />
      <ProjectPlugins view={view} />
      <ProjectSamples view={view} />
    </div>
  );
}
