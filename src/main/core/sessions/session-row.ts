import type { PreviewStatus, SessionAccent, SessionKind, SessionStatus } from '../../../shared/domain';

/** A `sessions` table row as better-sqlite3 returns it. */
export interface SessionRow {
  seq: number;
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  accent: SessionAccent;
  client: string;
  notes: string;
  last_opened: string | null;
  created_at: string;
  updated_at: string;
  project_path: string | null;
  project_original_path: string | null;
  preferred_preview_id: string | null;
}

export interface PreviewRow {
  id: string;
  session_seq: number;
  name: string;
  path: string;
  status: Exclude<PreviewStatus, 'none'>;
  mime: string | null;
}

export const SESSION_COLUMNS =
  's.seq, s.id, s.title, s.kind, s.status, s.accent, s.client, s.notes, s.last_opened, s.created_at, ' +
  's.updated_at, s.project_path, s.project_original_path, s.preferred_preview_id';

/** Folds case and accents for sorting titles the way people read them. */
export function titleSortKey(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
