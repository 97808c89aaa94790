import type { SessionKind } from '../../../../shared/domain';

/** A session without an image (or whose image cannot be shown): its accent colour and initials. */
export function ArtworkPlaceholder({ title, kind }: { title: string; kind: SessionKind }) {
  const initials = initialsOf(title);
  return (
    <span className="artwork-placeholder" data-testid="artwork-placeholder">
      {initials ? (
        <span className="artwork-placeholder__initials">{initials}</span>
      ) : (
        <span className="artwork-placeholder__kind">{kind}</span>
      )}
    </span>
  );
}

/** "night drive v3" → "ND", "Untitled" → "U"; a title of no letters or digits → "". */
export function initialsOf(title: string): string {
  const words = title.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 2)
    .map((word) => [...word][0]!)
    .join('')
    .toLocaleUpperCase();
}
