import type { ProjectView } from '../../../../shared/project-metadata';
import { TRACK_TYPE_LABELS } from '../../lib/project-format';
import { CollapsibleList } from './CollapsibleList';

const TRACKS_SHOWN = 6;

/** The project's tracks, each with its type; long lists fold after the first few. */
export function ProjectTracks({ view }: { view: ProjectView }) {
  if (view.trackCount === 0 && view.tracks.length === 0) return null;
  return (
    <div className="project-part">
      <div className="project-part__heading">
        Tracks <span className="project-part__count">{view.trackCount.toLocaleString('en-US')}</span>
      </div>
      <CollapsibleList
        items={view.tracks}
        limit={TRACKS_SHOWN}
        noun="track"
        testId="project-tracks"
        className="project-tracks"
        renderItem={(track, index) => (
          <li key={index} className="project-track" data-testid="project-track" data-type={track.type}>
            <span className="project-track__type" data-type={track.type}>
              {TRACK_TYPE_LABELS[track.type]}
            </span>
            <span className="project-track__name" title={track.name}>
              {track.name || 'Untitled track'}
            </span>
          </li>
        )}
      />
    </div>
  );
}
