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

/** A session row with its tags and previews as JSON arrays: one query reads a whole Session. */
export interface SessionRowWithChildren extends SessionRow {
  tags_json: string;
  previews_json: string;
}

export const SESSION_COLUMNS =
  's.seq, s.id, s.title, s.kind, s.status, s.accent, s.client, s.notes, s.last_opened, s.created_at, ' +
  's.updated_at, s.project_path, s.project_original_path, s.preferred_preview_id, ' +
  `(SELECT json_group_array(label) FROM
     (SELECT label FROM session_tags st WHERE st.session_seq = s.seq ORDER BY position)) AS tags_json, ` +
  `(SELECT json_group_array(json_object('id', id, 'name', name, 'path', path, 'status', status, 'mime', mime)) FROM
     (SELECT * FROM previews p WHERE p.session_seq = s.seq ORDER BY added_at DESC, id)) AS previews_json`;

/** Folds case and accents for sorting titles the way people read them. */
export function titleSortKey(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
