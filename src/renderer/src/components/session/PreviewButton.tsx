import type { Session } from '../../../../shared/domain';
import { togglePreviewOf } from '../../actions/session-actions';
import { usePlayerStore } from '../../stores/app-stores';
import { PauseIcon, PlayIcon } from '../icons';

/**
 * The play button, only when a preview is ready; it plays or pauses the session's preview. The
 * slot is always reserved so rows do not shift when a preview appears.
 */
export function PreviewButton({ session }: { session: Session }) {
  const playing = usePlayerStore((state) => state.playing && state.sessionId === session.id);
  if (session.previewStatus !== 'ready') return <span className="preview-slot" aria-hidden="true" />;
  return (
    <button
      type="button"
      className="preview-slot preview-button"
      title={playing ? 'Pause preview' : 'Play preview'}
      aria-label={`${playing ? 'Pause' : 'Play'} preview of ${session.title}`}
      data-playing={playing}
      data-testid="preview-play"
      tabIndex={-1}
      onClick={(event) => {
        event.stopPropagation();
        togglePreviewOf(session);
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      {playing ? <PauseIcon size={12} /> : <PlayIcon size={12} />}
    </button>
  );
}
