// The JSON export's format (`sessiondock-export`, version 1): everything SessionDock stores about
// each session that is the user's, and the collections. Read back by "Import from JSON".
// A new field may be added to version 1 (readers ignore fields they do not know); removing or
// changing the meaning of one needs version 2.

export const EXPORT_FORMAT = 'sessiondock-export';
export const EXPORT_VERSION = 1;

export interface ExportedWaveformNote {
  id: string;
  /** Seconds into the preview. */
  timestamp: number;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedPreview {
  id: string;
  name: string;
  path: string;
  status: string;
  mime: string | null;
  /** `user` (attached or chosen by a person) or `auto` (found by mixdown detection). */
  source: string;
  addedAt: string;
  size: number | null;
  mtimeMs: number | null;
  waveformNotes: ExportedWaveformNote[];
}

/** What the project file said when it was last read (informational: import reads it again). */
export interface ExportedProject {
  path: string;
  status: string;
  readAt: string;
  [field: string]: unknown;
}

export interface ExportedArtwork {
  /** `file` and `found`: the image's absolute path; `stored`: its name in `<data dir>/artwork/`. */
  source: string;
  path: string;
  format: string;
  width: number;
  height: number;
  setAt: string;
}

export interface ExportedSession {
  id: string;
  title: string;
  kind: string;
  status: string;
  accent: string;
  client: string;
  tags: string[];
  notes: string;
  projectPath: string | null;
  projectOriginalPath: string | null;
  lastOpened: string | null;
  createdAt: string;
  updatedAt: string;
  preferredPreviewId: string | null;
  /** The preferred preview was picked by a person, so mixdown detection never replaces it. */
  preferredByUser: boolean;
  previews: ExportedPreview[];
  /** Absent when the library has no project metadata for the session (or no such table). */
  project?: ExportedProject;
  /** Absent when the session has no artwork (or the library no artwork table). */
  artwork?: ExportedArtwork;
}

export interface ExportedCollection {
  id: string;
  name: string;
  kind: 'manual' | 'smart';
  /** A smart collection's filters; null for a manual one. */
  query: Record<string, unknown> | null;
  /** Its place in the sidebar, 0 first. */
  position: number;
  createdAt: string;
  updatedAt: string;
  /** A manual collection's sessions in their order; empty for a smart one. */
  sessionIds: string[];
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** The library's schema version when it was exported. */
  schemaVersion: number;
  sessions: ExportedSession[];
  /** Absent when the library had no collections table. */
  collections?: ExportedCollection[];
}
