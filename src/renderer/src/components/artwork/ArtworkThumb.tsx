import { memo, useEffect, useState } from 'react';
import type { Session } from '../../../../shared/domain';
import { useArtworkStore } from '../../stores/app-stores';
import { ArtworkPlaceholder } from './ArtworkPlaceholder';
import '../../styles/artwork.css';

type ThumbSession = Pick<Session, 'id' | 'title' | 'accent' | 'kind'>;

/**
 * A session's thumbnail over its placeholder: the placeholder shows until the image has loaded,
 * and stays when there is no artwork or the image cannot be shown (a missing file answers 422, a
 * thumbnail dropped for newer ones 503), so a row never breaks. Only thumbnail URLs, never the
 * full-size image; lazily loaded and decoded off the main thread.
 */
export const ArtworkThumb = memo(function ArtworkThumb({
  session,
  size,
  variant,
}: {
  session: ThumbSession;
  size: 'small' | 'large';
  variant: 'row' | 'card' | 'detail';
}) {
  const summary = useArtworkStore((state) => state.summaries.get(session.id));
  const url = summary ? (size === 'small' ? summary.smallUrl : summary.largeUrl) : null;
  return (
    <span
      className={`artwork-thumb artwork-thumb--${variant}`}
      data-accent={session.accent}
      data-testid={`artwork-${variant}`}
      data-has-artwork={url ? 'true' : 'false'}
      aria-hidden={variant === 'detail' ? undefined : 'true'}
    >
      <ArtworkPlaceholder title={session.title} kind={session.kind} />
      {/* Keyed by URL: a new image (a new version in the URL) starts over, failed or not. */}
      {url && (
        <ThumbImage key={url} url={url} alt={variant === 'detail' ? `Artwork of ${session.title}` : ''} />
      )}
    </span>
  );
});

/**
 * Tries a failed thumbnail again, twice, a moment later: the app answers 503 when a fast scroll
 * dropped the request for newer ones, and a card that stays on screen would otherwise keep its
 * placeholder. (A broken image's 422 is remembered by main, so the retries cost it nothing.)
 */
const RETRY_DELAYS_MS = [1_000, 3_000];

function ThumbImage({ url, alt }: { url: string; alt: string }) {
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (state !== 'failed' || attempt >= RETRY_DELAYS_MS.length) return;
    const timer = window.setTimeout(() => {
      setAttempt(attempt + 1);
      setState('loading');
    }, RETRY_DELAYS_MS[attempt]);
    return () => window.clearTimeout(timer);
  }, [state, attempt]);
  if (state === 'failed') return null;
  // main reads only the path, so a retry's query makes a new request rather than a remembered failure.
  const src = attempt === 0 ? url : `${url}${url.includes('?') ? '&' : '?'}retry=${attempt}`;
  return (
    <img
      className="artwork-thumb__image"
      data-state={state}
      src={src}
      alt={alt}
      loading="lazy"
      decoding="async"
      draggable={false}
      onLoad={() => setState('loaded')}
      onError={() => setState('failed')}
    />
  );
}
