import type { PreviewStatus, Session } from '../../../shared/domain';
import type { PreviewRow, SessionRowWithChildren } from './session-row';

/** Where a session's preview resources live; the base URL follows the API's current port. */
export interface SessionUrls {
  apiBaseUrl(): string;
  /** Whether a preview's file is still there: a file moved or deleted shows as `missing` at once. */
  fileExists(path: string): boolean;
}

/** Builds the published Session object (field order as in local-api.md §4). */
export function toSession(row: SessionRowWithChildren, urls: SessionUrls): Session {
  const tags = JSON.parse(row.tags_json) as string[];
  const previews = (JSON.parse(row.previews_json) as PreviewRow[]).map((preview) =>
    preview.status === 'ready' && !urls.fileExists(preview.path)
      ? { ...preview, status: 'missing' as const }
      : preview,
  );
  const preferred = previews.find((preview) => preview.id === row.preferred_preview_id) ?? null;
  const base = `${urls.apiBaseUrl()}/sessions/${encodeURIComponent(row.id)}`;
  const variant = preferred ? `?variantId=${encodeURIComponent(preferred.id)}` : '';
  const previewStatus: PreviewStatus =
    preferred?.status ?? (previews.length > 0 ? previews[0]!.status : 'none');
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    accent: row.accent,
    client: row.client,
    tags,
    notes: row.notes,
    lastOpened: row.last_opened,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    projectPath: row.project_path,
    projectOriginalPath: row.project_original_path,
    previewStatus,
    previewUrl: preferred ? `${base}/waveform${variant}` : null,
    previewAudioUrl: preferred ? `${base}/preview/audio${variant}` : null,
    previewAudioMime: preferred?.mime ?? null,
    preferredPreviewId: preferred?.id ?? null,
    previews: previews.map(({ id, name, path, status }) => ({ id, name, path, status })),
  };
}
