import { useEffect } from 'react';
import type { Session } from '../../../../shared/domain';
import type { ArtworkView } from '../../../../shared/ipc';
import { useArtworkStore } from '../../stores/app-stores';
import { ArtworkThumb } from './ArtworkThumb';
import { chooseArtwork, removeArtwork } from './artwork-actions';
import { useArtworkDetailStore } from './artwork-detail-store';
import { useArtworkPaste } from './useArtworkPaste';

/**
 * The detail panel's artwork: the large thumbnail (the drop zone: an image dropped anywhere on
 * the panel lands here, see hooks/useFileDrop.ts), Choose…, Remove, and paste while the panel
 * has focus. Focusable, so a click on it and ⌘/Ctrl+V is enough.
 */
export function DetailArtwork({ session }: { session: Session }) {
  const largeUrl = useArtworkStore((state) => state.summaries.get(session.id)?.largeUrl ?? null);
  const view = useArtworkDetailStore((state) => (state.sessionId === session.id ? state.view : undefined));
  const busy = useArtworkDetailStore((state) => (state.sessionId === session.id ? state.busy : null));
  useArtworkPaste(session.id);

  // Again whenever the image changes (a new URL): set here, through the API, or by an import.
  useEffect(() => {
    void useArtworkDetailStore.getState().load(session.id);
  }, [session.id, largeUrl]);

  const hasArtwork = Boolean(view) || largeUrl !== null;
  return (
    <section
      className="detail-artwork"
      aria-label="Artwork"
      data-testid="detail-artwork"
      data-busy={busy ?? undefined}
    >
      <div
        className="detail-artwork__zone"
        tabIndex={0}
        role="group"
        aria-label="Artwork: drop or paste an image"
        data-testid="artwork-drop-zone"
      >
        <ArtworkThumb session={session} size="large" variant="detail" />
      </div>
      <div className="detail-artwork__side">
        <span className="field__label">Artwork</span>
        <ArtworkCaption view={view} busy={busy} />
        <div className="detail-artwork__actions">
          <button
            type="button"
            className="button button--small"
            data-testid="artwork-choose"
            disabled={busy !== null}
            onClick={() => void chooseArtwork(session.id)}
          >
            {hasArtwork ? 'Replace…' : 'Choose…'}
          </button>
          {hasArtwork && (
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="artwork-remove"
              disabled={busy !== null}
              title="Forget this image (the file itself is never touched)"
              onClick={() => void removeArtwork(session.id)}
            >
              Remove
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

function ArtworkCaption({
  view,
  busy,
}: {
  view: ArtworkView | null | undefined;
  busy: 'setting' | 'removing' | null;
}) {
  if (busy === 'setting') return <p className="detail-artwork__caption">Making thumbnails…</p>;
  if (view === undefined) return <p className="detail-artwork__caption">&nbsp;</p>;
  if (view === null) {
    return (
      <p className="detail-artwork__caption detail-artwork__caption--hint" data-testid="artwork-caption">
        Drop an image here, paste one, or choose a file.
      </p>
    );
  }
  const what = view.path === null ? 'Pasted image' : fileName(view.path);
  return (
    <>
      <p className="detail-artwork__caption" data-testid="artwork-caption" title={view.path ?? undefined}>
        <span className="detail-artwork__name">{what}</span>
        <span className="detail-artwork__facts">
          {view.format.toUpperCase()} · {view.width} × {view.height}
          {view.source === 'found' ? ' · found in the project folder' : ''}
        </span>
      </p>
      {view.status !== 'ready' && (
        <p className="field-warning detail-artwork__problem" data-testid="artwork-problem">
          {view.status === 'missing' ? 'The image file is missing.' : 'The image cannot be shown.'}
          {view.message ? ` ${view.message}` : ''}
        </p>
      )}
    </>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
