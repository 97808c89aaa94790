import type { Session } from '../../../../shared/domain';
import { playSelectedPreview } from '../../actions/session-actions';
import { PlayIcon } from '../icons';

/**
 * The play button, only when a preview is ready. The player comes with the previews issue; the
 * slot is always reserved so rows do not shift when a preview appears.
 */
export function PreviewButton({ session }: { session: Session }) {
  if (session.previewStatus !== 'ready') return <span className="preview-slot" aria-hidden="true" />;
  return (
    <button
      type="button"
      className="preview-slot preview-button"
      title="Play preview"
      aria-label={`Play preview of ${session.title}`}
      data-testid="preview-play"
      tabIndex={-1}
      onClick={(event) => {
        event.stopPropagation();
        playSelectedPreview();
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <PlayIcon size={12} />
    </button>
  );
}
