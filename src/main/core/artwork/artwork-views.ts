import type { ArtworkSummary, ArtworkView } from '../../../shared/ipc';
import type { ArtworkRecord, ArtworkStatus } from './artwork-service';
import type { ThumbnailSize } from './make-thumbnail';

/** Builds a thumbnail URL for one door: the API's own, or the window's media protocol. */
export type ThumbnailUrl = (sessionId: string, size: ThumbnailSize, version: string) => string;

/** A session's artwork as `PUT /sessions/{id}/artwork` answers it [ours]. */
export interface ArtworkInfo {
  id: string;
  source: ArtworkRecord['source'];
  path: string | null;
  format: ArtworkRecord['format'];
  width: number;
  height: number;
  setAt: string;
  smallUrl: string;
  largeUrl: string;
}

export function artworkInfo(record: ArtworkRecord, urlOf: ThumbnailUrl): ArtworkInfo {
  return {
    id: record.sessionId,
    source: record.source,
    path: record.path,
    format: record.format,
    width: record.width,
    height: record.height,
    setAt: record.setAt,
    ...urls(record, urlOf),
  };
}

/** The API's thumbnail URLs: `…/sessions/{id}/artwork?size=…` (the ETag, not the URL, tells versions apart). */
export function apiArtworkUrl(apiBaseUrl: string): ThumbnailUrl {
  return (sessionId, size) => `${apiBaseUrl}/sessions/${encodeURIComponent(sessionId)}/artwork?size=${size}`;
}

export function artworkSummaries(
  records: readonly ArtworkRecord[],
  urlOf: ThumbnailUrl,
): Record<string, ArtworkSummary> {
  const summaries: Record<string, ArtworkSummary> = {};
  for (const record of records)
    summaries[record.sessionId] = { source: record.source, ...urls(record, urlOf) };
  return summaries;
}

export function artworkView(
  record: ArtworkRecord,
  state: { status: ArtworkStatus; message: string | null },
  urlOf: ThumbnailUrl,
): ArtworkView {
  return {
    source: record.source,
    ...urls(record, urlOf),
    path: record.path,
    format: record.format,
    width: record.width,
    height: record.height,
    setAt: record.setAt,
    status: state.status,
    message: state.message,
  };
}

function urls(record: ArtworkRecord, urlOf: ThumbnailUrl): { smallUrl: string; largeUrl: string } {
  return {
    smallUrl: urlOf(record.sessionId, 'small', record.version),
    largeUrl: urlOf(record.sessionId, 'large', record.version),
  };
}
