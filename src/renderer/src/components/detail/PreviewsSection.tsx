import { useState } from 'react';
import type { PreviewSummary, Session } from '../../../../shared/domain';
import { choosePreviewFiles, preferPreview, removePreview } from '../../actions/preview-actions';
import { CloseIcon, PlusIcon, StarIcon } from '../icons';
import { PreviewPlayer } from '../preview/PreviewPlayer';

const STATUS_LABEL: Record<PreviewSummary['status'], string | null> = {
  ready: null,
  missing: 'Missing',
  unreadable: 'Unreadable',
};

/** The session's preview mixdowns: the player for the one shown, the list, add / remove / prefer. */
export function PreviewsSection({ session }: { session: Session }) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const { previews } = session;
  const shown =
    previews.find((preview) => preview.id === chosenId) ??
    previews.find((preview) => preview.id === session.preferredPreviewId) ??
    previews[0] ??
    null;

  return (
    <section className="field previews" aria-label="Previews" data-testid="previews-section">
      <div className="previews__header">
        <span className="field__label">Previews</span>
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="add-preview"
          title="Add mixdowns (WAV, AIFF, FLAC, MP3…)"
          onClick={() => void choosePreviewFiles(session.id)}
        >
          <PlusIcon size={13} /> Add…
        </button>
      </div>

      {shown ? (
        <>
          <PreviewPlayer key={`${session.id}:${shown.id}`} session={session} preview={shown} />
          <ul className="preview-list" data-testid="preview-list">
            {previews.map((preview) => {
              const preferred = preview.id === session.preferredPreviewId;
              const label = STATUS_LABEL[preview.status];
              return (
                <li
                  key={preview.id}
                  className="preview-item"
                  data-testid="preview-item"
                  data-preview-id={preview.id}
                  aria-current={preview.id === shown.id}
                >
                  <button
                    type="button"
                    className="preview-item__prefer"
                    aria-pressed={preferred}
                    aria-label={
                      preferred ? `${preview.name} is played by default` : `Play ${preview.name} by default`
                    }
                    title={preferred ? 'Played by default' : 'Play this one by default'}
                    data-testid="preview-prefer"
                    onClick={() => !preferred && void preferPreview(session.id, preview.id)}
                  >
                    <StarIcon size={13} filled={preferred} />
                  </button>
                  <button
                    type="button"
                    className="preview-item__name"
                    title={preview.path}
                    onClick={() => setChosenId(preview.id)}
                  >
                    {preview.name}
                  </button>
                  {label && (
                    <span className="preview-item__status" data-status={preview.status}>
                      {label}
                    </span>
                  )}
                  <button
                    type="button"
                    className="button button--ghost button--icon preview-item__remove"
                    aria-label={`Remove ${preview.name}`}
                    title="Remove preview (the file is not touched)"
                    data-testid="preview-remove"
                    onClick={() => void removePreview(session, preview.id)}
                  >
                    <CloseIcon size={12} />
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="previews__empty" data-testid="previews-empty">
          No preview yet. Add a mixdown, or drop audio files on the window while this session is selected.
        </p>
      )}
    </section>
  );
}
